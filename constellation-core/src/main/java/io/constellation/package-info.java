/**
 * The engine entry points ({@link io.constellation.Constellation}, {@link
 * io.constellation.ConstellationImpl}), the two store SPIs and the exception hierarchy rooted at
 * {@link io.constellation.ConstellationException}.
 */
@NullMarked
package io.constellation;

import org.jspecify.annotations.NullMarked;
