/**
 * The observability SPIs (metrics, listener, tracer), their built-ins and {@link
 * io.constellation.spi.ConstellationBackends}.
 */
@NullMarked
package io.constellation.spi;

import org.jspecify.annotations.NullMarked;
