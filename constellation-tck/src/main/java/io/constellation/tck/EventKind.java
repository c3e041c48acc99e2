package io.constellation.tck;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The kinds of {@link io.constellation.spi.ExecutionListener} events, with the stable event names
 * the kits use ({@code executionStart}, {@code moduleStart}, ...): the listener method's name
 * without {@code on}, in lower camel case. Sinks such as Kafka topics or audit logs should use
 * these names; {@link ExecutionListenerContract#deliveredEvents} returns them.
 */
public enum EventKind {
  EXECUTION_START("executionStart", false, false),
  MODULE_START("moduleStart", true, false),
  MODULE_CACHE_HIT("moduleCacheHit", true, false),
  MODULE_COMPLETE("moduleComplete", true, false),
  MODULE_FAILED("moduleFailed", true, false),
  EXECUTION_COMPLETE("executionComplete", false, true),
  EXECUTION_CANCELLED("executionCancelled", false, true),
  EXECUTION_SUSPENDED("executionSuspended", false, true);

  private final String eventName;
  private final boolean moduleEvent;
  private final boolean terminal;

  EventKind(String eventName, boolean moduleEvent, boolean terminal) {
    this.eventName = eventName;
    this.moduleEvent = moduleEvent;
    this.terminal = terminal;
  }

  /** The stable name, e.g. {@code moduleComplete}. */
  public String eventName() {
    return eventName;
  }

  /** Whether the event concerns one module call. */
  public boolean isModuleEvent() {
    return moduleEvent;
  }

  /** Whether the event ends an execution's sequence (complete, cancelled or suspended). */
  public boolean isTerminal() {
    return terminal;
  }

  /** The kind with this {@link #eventName()}, if any. */
  public static Optional<EventKind> fromEventName(String name) {
    requireNonNull(name, "name");
    for (EventKind k : values()) {
      if (k.eventName.equals(name)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }
}
