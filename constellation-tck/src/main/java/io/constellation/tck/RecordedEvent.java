package io.constellation.tck;

import static java.util.Objects.requireNonNull;

import java.util.UUID;

/**
 * One event seen by a {@link RecordingListener}.
 *
 * <p>{@code detail} depends on the kind: the DAG name for {@code executionStart} and {@code
 * executionCancelled}; {@code "<dagName> succeeded=<b> durationMs=<n>"} for {@code
 * executionComplete}; {@code "<dagName> missing=[a, b]"} (sorted) for {@code executionSuspended};
 * the module id for {@code moduleStart} and {@code moduleCacheHit}; {@code "<moduleId>
 * durationMs=<n>"} for {@code moduleComplete}; {@code "<moduleId> <ErrorClass>: <message>"} for
 * {@code moduleFailed}.
 *
 * @param kind the event kind
 * @param executionId the execution
 * @param moduleName the module name for module events, {@code ""} otherwise
 * @param detail see above
 * @param thread the name of the thread that delivered the event
 * @param nanoTime {@link System#nanoTime()} when it was recorded
 */
public record RecordedEvent(
    EventKind kind,
    UUID executionId,
    String moduleName,
    String detail,
    String thread,
    long nanoTime) {
  public RecordedEvent {
    requireNonNull(kind, "kind");
    requireNonNull(executionId, "executionId");
    requireNonNull(moduleName, "moduleName");
    requireNonNull(detail, "detail");
    requireNonNull(thread, "thread");
  }

  /** The stable event name ({@link EventKind#eventName()}). */
  public String eventName() {
    return kind.eventName();
  }
}
