package io.constellation.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RecordingListenerTest {
  private final RecordingListener rec = new RecordingListener();
  private final UUID run = UUID.randomUUID();
  private final UUID m = UUID.randomUUID();

  @Test
  void everyEventIsRecordedInOrderWithItsDetails() {
    rec.onExecutionStart(run, "dag");
    rec.onModuleStart(run, m, "mod");
    rec.onModuleCacheHit(run, m, "mod");
    rec.onModuleComplete(run, m, "mod", 7);
    rec.onModuleFailed(run, m, "mod", new IllegalStateException("boom"));
    rec.onExecutionSuspended(run, "dag", Set.of("b", "a"));
    rec.onExecutionStart(run, "dag");
    rec.onExecutionCancelled(run, "dag");
    rec.onExecutionStart(run, "dag");
    rec.onExecutionComplete(run, "dag", false, 9);
    assertThat(rec.kinds(run))
        .containsExactly(
            EventKind.EXECUTION_START,
            EventKind.MODULE_START,
            EventKind.MODULE_CACHE_HIT,
            EventKind.MODULE_COMPLETE,
            EventKind.MODULE_FAILED,
            EventKind.EXECUTION_SUSPENDED,
            EventKind.EXECUTION_START,
            EventKind.EXECUTION_CANCELLED,
            EventKind.EXECUTION_START,
            EventKind.EXECUTION_COMPLETE);
    List<RecordedEvent> e = rec.events(run);
    assertThat(e.get(0).detail()).isEqualTo("dag");
    assertThat(e.get(1).moduleName()).isEqualTo("mod");
    assertThat(e.get(1).detail()).isEqualTo(m.toString());
    assertThat(e.get(3).detail()).isEqualTo(m + " durationMs=7");
    assertThat(e.get(4).detail()).isEqualTo(m + " java.lang.IllegalStateException: boom");
    assertThat(e.get(5).detail()).isEqualTo("dag missing=[a, b]");
    assertThat(e.get(9).detail()).isEqualTo("dag succeeded=false durationMs=9");
    assertThat(e).extracting(RecordedEvent::thread).containsOnly(Thread.currentThread().getName());
    assertThat(e).extracting(RecordedEvent::nanoTime).isSorted();
    assertThat(rec.terminal(run)).map(RecordedEvent::kind).contains(EventKind.EXECUTION_COMPLETE);
    assertThat(rec.count(EventKind.EXECUTION_START)).isEqualTo(3);
    assertThat(rec.moduleNames(run, EventKind.MODULE_START)).containsExactly("mod");
    assertThat(rec.eventNames(run).get(0)).isEqualTo("executionStart");
  }

  @Test
  void eventsOfDifferentExecutionsAreKeptApart() {
    UUID other = UUID.randomUUID();
    rec.onExecutionStart(run, "a");
    rec.onExecutionStart(other, "b");
    rec.onExecutionComplete(other, "b", true, 1);
    assertThat(rec.executionIds()).containsExactly(run, other);
    assertThat(rec.kinds(run)).containsExactly(EventKind.EXECUTION_START);
    assertThat(rec.terminal(run)).isEmpty();
    rec.clear();
    assertThat(rec.events()).isEmpty();
  }

  @Test
  void awaitTerminalReturnsWhenAnotherThreadDeliversIt() {
    Thread.ofVirtual()
        .start(
            () -> {
              Poll.sleep(Duration.ofMillis(30));
              rec.onExecutionStart(run, "dag");
              rec.onExecutionCancelled(run, "dag");
            });
    RecordedEvent terminal = rec.awaitTerminal(run, Duration.ofSeconds(5));
    assertThat(terminal.kind()).isEqualTo(EventKind.EXECUTION_CANCELLED);
    assertThat(terminal.thread()).isNotEqualTo(Thread.currentThread().getName());
    assertThat(rec.awaitEvents(run, 2, Duration.ofSeconds(1))).hasSize(2);
  }

  @Test
  void awaitingFailsWithTheRecordedEventsAfterTheTimeout() {
    rec.onExecutionStart(run, "dag");
    assertThatThrownBy(() -> rec.awaitTerminal(run, Duration.ofMillis(30)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("EXECUTION_START");
    assertThatThrownBy(() -> rec.awaitEvents(run, 3, Duration.ofMillis(30)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("expected 3 events");
  }

  @Test
  void eventNamesRoundTripThroughEventKind() {
    for (EventKind k : EventKind.values()) {
      assertThat(EventKind.fromEventName(k.eventName())).contains(k);
    }
    assertThat(EventKind.fromEventName("nope")).isEmpty();
  }
}
