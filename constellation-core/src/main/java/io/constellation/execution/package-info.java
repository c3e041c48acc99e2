/**
 * What a run returns ({@link io.constellation.execution.DataSignature}) and the per-run options.
 */
@NullMarked
package io.constellation.execution;

import org.jspecify.annotations.NullMarked;
