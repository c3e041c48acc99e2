/**
 * An {@link io.constellation.spi.ExecutionListener} that publishes one JSON event per callback to
 * Kafka.
 */
@NullMarked
package io.constellation.kafka;

import org.jspecify.annotations.NullMarked;
