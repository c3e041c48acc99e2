/**
 * The default, in-memory {@link io.constellation.PipelineStore} and {@link
 * io.constellation.SuspensionStore}.
 */
@NullMarked
package io.constellation.impl;

import org.jspecify.annotations.NullMarked;
