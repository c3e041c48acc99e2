package io.constellation.spi;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Hooks for execution events (audit logs, Kafka, tracing). Every method is a {@code default} no-op,
 * so a listener implements only what it needs, and new events can be added without breaking
 * existing listeners.
 *
 * <p><b>Ordering contract</b>, per execution: {@link #onExecutionStart} first; each {@link
 * #onModuleStart} before the matching {@link #onModuleComplete} or {@link #onModuleFailed}; exactly
 * one terminal event ({@link #onExecutionComplete}, {@link #onExecutionCancelled} or {@link
 * #onExecutionSuspended}) last. Events of different executions may interleave. A resumed execution
 * starts a new sequence with the same execution id.
 *
 * <p><b>Delivery:</b> the engine hands each event to a bounded queue owned by this listener and
 * returns at once; one dispatcher thread delivers this listener's events in order. When the queue
 * is full the event is dropped and counted ({@code constellation.listener.dropped}). Members of a
 * {@link #composite} each get their own queue.
 *
 * <p><b>Thread-safety:</b> calls to one listener come from one dispatcher thread at a time, but not
 * always the same thread.
 *
 * <p><b>Blocking and failure:</b> a listener may block (it only delays its own queue) and may throw
 * (counted in {@code constellation.listener.errors}, logged rate-limited); neither changes a run's
 * result or latency.
 */
public interface ExecutionListener {

  default void onExecutionStart(UUID executionId, String dagName) {}

  default void onModuleStart(UUID executionId, UUID moduleId, String moduleName) {}

  default void onModuleComplete(
      UUID executionId, UUID moduleId, String moduleName, long durationMs) {}

  default void onModuleFailed(
      UUID executionId, UUID moduleId, String moduleName, Throwable error) {}

  default void onExecutionComplete(
      UUID executionId, String dagName, boolean succeeded, long durationMs) {}

  default void onExecutionCancelled(UUID executionId, String dagName) {}

  /** The run suspended waiting for {@code missingInputs}. Terminal for this sequence. */
  default void onExecutionSuspended(UUID executionId, String dagName, Set<String> missingInputs) {}

  /** A module call was served from the cache instead of running (between start and complete). */
  default void onModuleCacheHit(UUID executionId, UUID moduleId, String moduleName) {}

  /** A listener that does nothing; the engine skips it entirely. */
  static ExecutionListener noop() {
    return NoopExecutionListener.INSTANCE;
  }

  /**
   * Each event goes to each listener in order; one failing listener never stops the next. Zero
   * listeners give {@link #noop()}, one gives that listener. When registered with the engine, each
   * member gets its own queue and dispatcher, so a slow member delays no other.
   */
  static ExecutionListener composite(ExecutionListener... listeners) {
    return composite(List.of(listeners));
  }

  /** See {@link #composite(ExecutionListener...)}. */
  static ExecutionListener composite(List<ExecutionListener> listeners) {
    requireNonNull(listeners, "listeners");
    List<ExecutionListener> flat = CompositeExecutionListener.flatten(listeners);
    return switch (flat.size()) {
      case 0 -> noop();
      case 1 -> flat.get(0);
      default -> new CompositeExecutionListener(flat);
    };
  }

  /**
   * The members of a composite (flattened), or this listener alone; empty for {@link #noop()}. The
   * engine gives each member its own queue.
   */
  static List<ExecutionListener> members(ExecutionListener listener) {
    return CompositeExecutionListener.flatten(List.of(listener));
  }
}
