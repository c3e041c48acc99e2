package io.constellation.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.constellation.spi.ExecutionListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Conformance kit for {@link ExecutionListener} implementations that deliver events to a sink (a
 * Kafka topic, an audit log, ...). Subclass it, implement {@link #createListener()} and {@link
 * #deliveredEvents(UUID)}, which reads the events of one execution back from the sink, in delivery
 * order, as {@link EventKind#eventName()}s ({@code executionStart}, {@code moduleStart}, ...).
 *
 * <p>The kit calls the listener the way the engine's dispatcher does: one call at a time, events of
 * different executions interleaved. Delivery may be asynchronous: the kit polls {@link
 * #deliveredEvents(UUID)} through {@link #awaitEvents(UUID, int, Duration)} for up to {@link
 * #deliveryTimeout()}. Every test uses fresh random execution ids, so a sink shared between tests
 * is fine.
 */
public abstract class ExecutionListenerContract {
  private ExecutionListener listener;

  /** A listener delivering to a sink that {@link #deliveredEvents(UUID)} can read. */
  protected abstract ExecutionListener createListener();

  /**
   * The events of {@code executionId} delivered to the sink so far, in delivery order, as {@link
   * EventKind#eventName()}s. Must not block for long; the kit polls it.
   */
  protected abstract List<String> deliveredEvents(UUID executionId);

  /** How long the kit waits for events to reach the sink. Default 10 s. */
  protected Duration deliveryTimeout() {
    return Duration.ofSeconds(10);
  }

  /**
   * Flushes and releases the listener after each test; closes it when it is {@link AutoCloseable}.
   */
  protected void closeListener(ExecutionListener listener) {
    if (listener instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception e) {
        throw new IllegalStateException("closing the listener failed", e);
      }
    }
  }

  /** The listener of the current test. */
  protected final ExecutionListener listener() {
    return listener;
  }

  /**
   * Polls {@link #deliveredEvents(UUID)} until at least {@code count} events of {@code executionId}
   * arrived, and returns them.
   *
   * @throws AssertionError when fewer arrive within {@code timeout}
   */
  protected final List<String> awaitEvents(UUID executionId, int count, Duration timeout) {
    List<List<String>> last = new ArrayList<>(List.of(List.of()));
    boolean arrived =
        Poll.until(
            () -> {
              List<String> now = List.copyOf(deliveredEvents(executionId));
              last.set(0, now);
              return now.size() >= count;
            },
            timeout,
            Duration.ofMillis(20));
    if (!arrived) {
      throw new AssertionError(
          "expected "
              + count
              + " events of execution "
              + executionId
              + " within "
              + timeout
              + ", delivered: "
              + last.get(0));
    }
    return last.get(0);
  }

  private List<String> await(UUID executionId, int count) {
    return awaitEvents(executionId, count, deliveryTimeout());
  }

  @BeforeEach
  final void tckCreateListener() {
    listener = createListener();
    assertThat(listener).as("createListener()").isNotNull();
  }

  @AfterEach
  final void tckCloseListener() {
    if (listener != null) {
      closeListener(listener);
      listener = null;
    }
  }

  private static List<String> names(EventKind... kinds) {
    List<String> out = new ArrayList<>();
    for (EventKind k : kinds) {
      out.add(k.eventName());
    }
    return out;
  }

  @Test
  void aSuccessfulRunIsDeliveredInOrder() {
    UUID run = UUID.randomUUID();
    UUID a = UUID.randomUUID();
    UUID b = UUID.randomUUID();
    listener.onExecutionStart(run, "tck-dag");
    listener.onModuleStart(run, a, "tck.text.upper");
    listener.onModuleComplete(run, a, "tck.text.upper", 12);
    listener.onModuleStart(run, b, "tck.score");
    listener.onModuleComplete(run, b, "tck.score", 30);
    listener.onExecutionComplete(run, "tck-dag", true, 45);
    assertThat(await(run, 6))
        .containsExactlyElementsOf(
            names(
                EventKind.EXECUTION_START,
                EventKind.MODULE_START,
                EventKind.MODULE_COMPLETE,
                EventKind.MODULE_START,
                EventKind.MODULE_COMPLETE,
                EventKind.EXECUTION_COMPLETE));
  }

  @Test
  void aFailedModuleAndAFailedRunAreDelivered() {
    UUID run = UUID.randomUUID();
    UUID m = UUID.randomUUID();
    listener.onExecutionStart(run, "tck-dag");
    listener.onModuleStart(run, m, "tck.score");
    listener.onModuleFailed(run, m, "tck.score", new IllegalStateException("boom"));
    listener.onExecutionComplete(run, "tck-dag", false, 8);
    assertThat(await(run, 4))
        .containsExactlyElementsOf(
            names(
                EventKind.EXECUTION_START,
                EventKind.MODULE_START,
                EventKind.MODULE_FAILED,
                EventKind.EXECUTION_COMPLETE));
  }

  @Test
  void aCancelledRunEndsWithExecutionCancelled() {
    UUID run = UUID.randomUUID();
    UUID m = UUID.randomUUID();
    listener.onExecutionStart(run, "tck-dag");
    listener.onModuleStart(run, m, "tck.slow");
    listener.onModuleFailed(run, m, "tck.slow", new InterruptedException("cancelled"));
    listener.onExecutionCancelled(run, "tck-dag");
    assertThat(await(run, 4))
        .containsExactlyElementsOf(
            names(
                EventKind.EXECUTION_START,
                EventKind.MODULE_START,
                EventKind.MODULE_FAILED,
                EventKind.EXECUTION_CANCELLED));
  }

  @Test
  void aSuspendedRunEndsWithExecutionSuspended() {
    UUID run = UUID.randomUUID();
    UUID m = UUID.randomUUID();
    listener.onExecutionStart(run, "tck-dag");
    listener.onModuleStart(run, m, "tck.text.upper");
    listener.onModuleComplete(run, m, "tck.text.upper", 1);
    listener.onExecutionSuspended(run, "tck-dag", new LinkedHashSet<>(List.of("weight", "b")));
    assertThat(await(run, 4))
        .containsExactlyElementsOf(
            names(
                EventKind.EXECUTION_START,
                EventKind.MODULE_START,
                EventKind.MODULE_COMPLETE,
                EventKind.EXECUTION_SUSPENDED));
  }

  @Test
  void aResumedRunStartsANewSequenceWithTheSameId() {
    UUID run = UUID.randomUUID();
    UUID m = UUID.randomUUID();
    listener.onExecutionStart(run, "tck-dag");
    listener.onExecutionSuspended(run, "tck-dag", Set.of("weight"));
    listener.onExecutionStart(run, "tck-dag");
    listener.onModuleStart(run, m, "tck.score");
    listener.onModuleComplete(run, m, "tck.score", 3);
    listener.onExecutionComplete(run, "tck-dag", true, 4);
    assertThat(await(run, 6))
        .containsExactlyElementsOf(
            names(
                EventKind.EXECUTION_START,
                EventKind.EXECUTION_SUSPENDED,
                EventKind.EXECUTION_START,
                EventKind.MODULE_START,
                EventKind.MODULE_COMPLETE,
                EventKind.EXECUTION_COMPLETE));
  }

  @Test
  void aCacheHitIsDeliveredBetweenModuleStartAndComplete() {
    UUID run = UUID.randomUUID();
    UUID m = UUID.randomUUID();
    listener.onExecutionStart(run, "tck-dag");
    listener.onModuleStart(run, m, "tck.score");
    listener.onModuleCacheHit(run, m, "tck.score");
    listener.onModuleComplete(run, m, "tck.score", 0);
    listener.onExecutionComplete(run, "tck-dag", true, 1);
    assertThat(await(run, 5))
        .containsExactlyElementsOf(
            names(
                EventKind.EXECUTION_START,
                EventKind.MODULE_START,
                EventKind.MODULE_CACHE_HIT,
                EventKind.MODULE_COMPLETE,
                EventKind.EXECUTION_COMPLETE));
  }

  @Test
  void eventsOfOneExecutionAreNotReportedForAnother() {
    UUID run = UUID.randomUUID();
    UUID other = UUID.randomUUID();
    listener.onExecutionStart(run, "tck-dag");
    listener.onExecutionComplete(run, "tck-dag", true, 1);
    await(run, 2);
    assertThat(deliveredEvents(other)).isEmpty();
  }

  @Test
  void interleavedExecutionsKeepTheirOwnOrder() throws Exception {
    int executions = 8;
    int modules = 3;
    List<UUID> runs = new ArrayList<>();
    for (int i = 0; i < executions; i++) {
      runs.add(UUID.randomUUID());
    }
    // One call at a time (like the engine's dispatcher), from several threads, interleaved.
    ReentrantLock oneAtATime = new ReentrantLock();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> futures = new ArrayList<>();
      for (UUID run : runs) {
        futures.add(
            pool.submit(
                () -> {
                  call(oneAtATime, () -> listener.onExecutionStart(run, "tck-dag"));
                  for (int m = 0; m < modules; m++) {
                    UUID id = UUID.randomUUID();
                    String name = "tck.module" + m;
                    call(oneAtATime, () -> listener.onModuleStart(run, id, name));
                    Thread.yield();
                    call(oneAtATime, () -> listener.onModuleComplete(run, id, name, 2));
                  }
                  call(oneAtATime, () -> listener.onExecutionComplete(run, "tck-dag", true, 9));
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    }
    List<String> expected = new ArrayList<>(names(EventKind.EXECUTION_START));
    for (int m = 0; m < modules; m++) {
      expected.addAll(names(EventKind.MODULE_START, EventKind.MODULE_COMPLETE));
    }
    expected.add(EventKind.EXECUTION_COMPLETE.eventName());
    for (UUID run : runs) {
      assertThat(await(run, expected.size())).as("events of " + run).isEqualTo(expected);
    }
  }

  private static void call(ReentrantLock lock, Runnable r) {
    lock.lock();
    try {
      r.run();
    } finally {
      lock.unlock();
    }
  }

  @Test
  void manyEventsOfOneExecutionArriveInOrder() {
    UUID run = UUID.randomUUID();
    int modules = 150;
    List<String> expected = new ArrayList<>();
    listener.onExecutionStart(run, "tck-dag");
    expected.add(EventKind.EXECUTION_START.eventName());
    for (int i = 0; i < modules; i++) {
      UUID m = UUID.randomUUID();
      listener.onModuleStart(run, m, "tck.m" + i);
      listener.onModuleComplete(run, m, "tck.m" + i, i);
      expected.addAll(names(EventKind.MODULE_START, EventKind.MODULE_COMPLETE));
    }
    listener.onExecutionComplete(run, "tck-dag", true, 100);
    expected.add(EventKind.EXECUTION_COMPLETE.eventName());
    assertThat(await(run, expected.size())).isEqualTo(expected);
  }

  @Test
  void oddInputDoesNotThrowAndIsStillDelivered() {
    UUID run = UUID.randomUUID();
    UUID m1 = UUID.randomUUID();
    UUID m2 = UUID.randomUUID();
    UUID m3 = UUID.randomUUID();
    String huge =
        ("line with \"quotes\", \\backslashes\\, tabs\t, unicode \u00e9\u65e5\uD83D\uDE80\r\n")
            .repeat(2_000);
    Exception withCause = new RuntimeException(huge, new IllegalArgumentException("root\ncause"));
    assertThatCode(
            () -> {
              listener.onExecutionStart(run, "");
              listener.onModuleStart(run, m1, "");
              listener.onModuleFailed(run, m1, "", withCause);
              listener.onModuleStart(run, m2, "tck.\u00fcnicode \"name\"");
              listener.onModuleFailed(run, m2, "tck.\u00fcnicode \"name\"", new Error());
              listener.onModuleStart(run, m3, "tck.long");
              listener.onModuleComplete(run, m3, "tck.long", Long.MAX_VALUE);
              listener.onExecutionSuspended(run, "", Set.of());
            })
        .doesNotThrowAnyException();
    assertThat(await(run, 8))
        .containsExactlyElementsOf(
            names(
                EventKind.EXECUTION_START,
                EventKind.MODULE_START,
                EventKind.MODULE_FAILED,
                EventKind.MODULE_START,
                EventKind.MODULE_FAILED,
                EventKind.MODULE_START,
                EventKind.MODULE_COMPLETE,
                EventKind.EXECUTION_SUSPENDED));
  }

  @Test
  void zeroDurationsAndManyMissingInputsAreDelivered() {
    UUID run = UUID.randomUUID();
    Set<String> missing = new LinkedHashSet<>();
    for (int i = 0; i < 200; i++) {
      missing.add("input_" + i);
    }
    assertThatCode(
            () -> {
              listener.onExecutionStart(run, "tck-dag");
              listener.onExecutionSuspended(run, "tck-dag", missing);
              listener.onExecutionStart(run, "tck-dag");
              listener.onExecutionComplete(run, "tck-dag", true, 0);
            })
        .doesNotThrowAnyException();
    assertThat(await(run, 4))
        .containsExactlyElementsOf(
            names(
                EventKind.EXECUTION_START,
                EventKind.EXECUTION_SUSPENDED,
                EventKind.EXECUTION_START,
                EventKind.EXECUTION_COMPLETE));
  }
}
