/** OpenTelemetry tracing and metrics for the engine. */
@NullMarked
package io.constellation.opentelemetry;

import org.jspecify.annotations.NullMarked;
