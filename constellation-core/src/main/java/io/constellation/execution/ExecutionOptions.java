package io.constellation.execution;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * Per-run options.
 *
 * @param timeout run-level timeout; empty means the engine's default ({@code withDefaultTimeout})
 * @param saveSuspended save a suspension to the engine's {@code SuspensionStore} and return its
 *     handle (default true)
 * @param includeMetadata fill {@link DataSignature#metadata()} with timings, node statuses,
 *     provenance and cache hits (default true)
 */
public record ExecutionOptions(
    Optional<Duration> timeout, boolean saveSuspended, boolean includeMetadata) {
  public static final ExecutionOptions DEFAULT = new ExecutionOptions(Optional.empty(), true, true);

  public ExecutionOptions {
    requireNonNull(timeout, "timeout");
    timeout.ifPresent(
        t -> {
          if (t.isZero() || t.isNegative()) {
            throw new IllegalArgumentException("timeout must be > 0, was " + t);
          }
        });
  }

  public ExecutionOptions withTimeout(Duration timeout) {
    return new ExecutionOptions(Optional.of(timeout), saveSuspended, includeMetadata);
  }

  public ExecutionOptions withSaveSuspended(boolean save) {
    return new ExecutionOptions(timeout, save, includeMetadata);
  }

  public ExecutionOptions withIncludeMetadata(boolean include) {
    return new ExecutionOptions(timeout, saveSuspended, include);
  }
}
