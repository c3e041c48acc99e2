package io.constellation.tck;

import static java.util.Objects.requireNonNull;

import io.constellation.spi.ExecutionListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * An {@link ExecutionListener} test double that records every event as a {@link RecordedEvent}, in
 * delivery order, with query helpers and waits.
 *
 * <p>Thread-safety: safe for concurrent use; events may arrive from any thread while a test
 * queries. Never blocks beyond a short in-memory lock (the {@code await*} methods block the caller
 * up to their timeout).
 */
public final class RecordingListener implements ExecutionListener {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final List<RecordedEvent> events = new ArrayList<>();

  /** An empty recorder. */
  public RecordingListener() {}

  private void record(EventKind kind, UUID executionId, String moduleName, String detail) {
    RecordedEvent e =
        new RecordedEvent(
            kind,
            requireNonNull(executionId, "executionId"),
            moduleName == null ? "" : moduleName,
            detail,
            Thread.currentThread().getName(),
            System.nanoTime());
    lock.lock();
    try {
      events.add(e);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void onExecutionStart(UUID executionId, String dagName) {
    record(EventKind.EXECUTION_START, executionId, "", String.valueOf(dagName));
  }

  @Override
  public void onModuleStart(UUID executionId, UUID moduleId, String moduleName) {
    record(EventKind.MODULE_START, executionId, moduleName, String.valueOf(moduleId));
  }

  @Override
  public void onModuleComplete(
      UUID executionId, UUID moduleId, String moduleName, long durationMs) {
    record(
        EventKind.MODULE_COMPLETE, executionId, moduleName, moduleId + " durationMs=" + durationMs);
  }

  @Override
  public void onModuleFailed(UUID executionId, UUID moduleId, String moduleName, Throwable error) {
    String err = error == null ? "null" : error.getClass().getName() + ": " + error.getMessage();
    record(EventKind.MODULE_FAILED, executionId, moduleName, moduleId + " " + err);
  }

  @Override
  public void onModuleCacheHit(UUID executionId, UUID moduleId, String moduleName) {
    record(EventKind.MODULE_CACHE_HIT, executionId, moduleName, String.valueOf(moduleId));
  }

  @Override
  public void onExecutionComplete(
      UUID executionId, String dagName, boolean succeeded, long durationMs) {
    record(
        EventKind.EXECUTION_COMPLETE,
        executionId,
        "",
        dagName + " succeeded=" + succeeded + " durationMs=" + durationMs);
  }

  @Override
  public void onExecutionCancelled(UUID executionId, String dagName) {
    record(EventKind.EXECUTION_CANCELLED, executionId, "", String.valueOf(dagName));
  }

  @Override
  public void onExecutionSuspended(UUID executionId, String dagName, Set<String> missingInputs) {
    Set<String> sorted = missingInputs == null ? Set.of() : new TreeSet<>(missingInputs);
    record(EventKind.EXECUTION_SUSPENDED, executionId, "", dagName + " missing=" + sorted);
  }

  /** Every event so far, in delivery order. */
  public List<RecordedEvent> events() {
    lock.lock();
    try {
      return List.copyOf(events);
    } finally {
      lock.unlock();
    }
  }

  /** The events of one execution, in delivery order. */
  public List<RecordedEvent> events(UUID executionId) {
    return matching(e -> e.executionId().equals(executionId));
  }

  /** The events matching {@code filter}, in delivery order. */
  public List<RecordedEvent> matching(Predicate<RecordedEvent> filter) {
    return events().stream().filter(filter).toList();
  }

  /** The kinds of one execution's events, in delivery order. */
  public List<EventKind> kinds(UUID executionId) {
    return events(executionId).stream().map(RecordedEvent::kind).toList();
  }

  /** The event names of one execution's events, in delivery order. */
  public List<String> eventNames(UUID executionId) {
    return events(executionId).stream().map(RecordedEvent::eventName).toList();
  }

  /** The events of one kind, in delivery order. */
  public List<RecordedEvent> ofKind(EventKind kind) {
    return matching(e -> e.kind() == kind);
  }

  /** How many events of {@code kind} were recorded. */
  public int count(EventKind kind) {
    return ofKind(kind).size();
  }

  /** The execution ids seen, in order of first appearance. */
  public List<UUID> executionIds() {
    Set<UUID> ids = new LinkedHashSet<>();
    for (RecordedEvent e : events()) {
      ids.add(e.executionId());
    }
    return List.copyOf(ids);
  }

  /** The module names of one execution's events of {@code kind}, in delivery order. */
  public List<String> moduleNames(UUID executionId, EventKind kind) {
    return events(executionId).stream()
        .filter(e -> e.kind() == kind)
        .map(RecordedEvent::moduleName)
        .toList();
  }

  /** The last terminal event of an execution so far, if any. */
  public Optional<RecordedEvent> terminal(UUID executionId) {
    List<RecordedEvent> mine = events(executionId);
    for (int i = mine.size() - 1; i >= 0; i--) {
      if (mine.get(i).kind().isTerminal()) {
        return Optional.of(mine.get(i));
      }
    }
    return Optional.empty();
  }

  /** Forgets every event. */
  public void clear() {
    lock.lock();
    try {
      events.clear();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until an event matching {@code condition} has been recorded and returns the first one.
   *
   * @throws AssertionError when none arrives within {@code timeout}
   */
  public RecordedEvent await(Predicate<RecordedEvent> condition, Duration timeout) {
    requireNonNull(condition, "condition");
    long deadline = System.nanoTime() + timeout.toNanos();
    lock.lock();
    try {
      while (true) {
        for (RecordedEvent e : events) {
          if (condition.test(e)) {
            return e;
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError(
              "no matching event within " + timeout + "; recorded: " + List.copyOf(events));
        }
        changed.await(left, TimeUnit.NANOSECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for an event", e);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits for the first terminal event (complete, cancelled, suspended) of {@code executionId}.
   *
   * @throws AssertionError when none arrives within {@code timeout}
   */
  public RecordedEvent awaitTerminal(UUID executionId, Duration timeout) {
    requireNonNull(executionId, "executionId");
    return await(e -> e.executionId().equals(executionId) && e.kind().isTerminal(), timeout);
  }

  /**
   * Waits until {@code count} events of {@code executionId} have been recorded and returns them.
   *
   * @throws AssertionError when fewer arrive within {@code timeout}
   */
  public List<RecordedEvent> awaitEvents(UUID executionId, int count, Duration timeout) {
    requireNonNull(executionId, "executionId");
    long deadline = System.nanoTime() + timeout.toNanos();
    lock.lock();
    try {
      while (true) {
        List<RecordedEvent> mine =
            events.stream().filter(e -> e.executionId().equals(executionId)).toList();
        if (mine.size() >= count) {
          return mine;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError(
              "expected "
                  + count
                  + " events of "
                  + executionId
                  + " within "
                  + timeout
                  + ", got "
                  + mine);
        }
        changed.await(left, TimeUnit.NANOSECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for events", e);
    } finally {
      lock.unlock();
    }
  }
}
