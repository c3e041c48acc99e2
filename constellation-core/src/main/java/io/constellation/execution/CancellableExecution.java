package io.constellation.execution;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** A run that can be cancelled. Thread-safe. */
public interface CancellableExecution {

  /** The run's execution id. */
  UUID executionId();

  /** Completes with the run's result ({@code CANCELLED} after a cancel). */
  CompletableFuture<DataSignature> result();

  /**
   * Interrupts running modules and ends the run as {@code CANCELLED}. Idempotent; a no-op after the
   * run ended. Returns whether this call cancelled the run.
   */
  boolean cancel();
}
