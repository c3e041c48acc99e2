/**
 * A {@link io.constellation.spi.MetricsProvider} over any Micrometer registry (Prometheus and
 * others).
 */
@NullMarked
package io.constellation.micrometer;

import org.jspecify.annotations.NullMarked;
