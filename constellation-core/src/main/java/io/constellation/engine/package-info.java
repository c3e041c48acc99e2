/**
 * The engine implementation. Internal: not part of the public API and may change in any release.
 */
@NullMarked
package io.constellation.engine;

import org.jspecify.annotations.NullMarked;
