package io.constellation.tck;

import static java.util.Objects.requireNonNull;

import io.constellation.spi.ExecutionListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An {@link ExecutionListener} that checks the ordering contract of {@link ExecutionListener} per
 * execution and records every violation:
 *
 * <ul>
 *   <li>{@code executionStart} comes first;
 *   <li>each {@code moduleStart} comes before the {@code moduleComplete} or {@code moduleFailed} of
 *       the same module id, and a module id is not started again while it is open;
 *   <li>{@code moduleCacheHit} comes between its module's start and its completion;
 *   <li>exactly one terminal event ({@code executionComplete}, {@code executionCancelled} or {@code
 *       executionSuspended}) ends a sequence, and nothing follows it, except that after {@code
 *       executionSuspended} a resumed execution may begin a new sequence with {@code
 *       executionStart} under the same id.
 * </ul>
 *
 * <p>Events of different executions may interleave freely. Modules still open at the terminal event
 * are not a violation (a cancelled run may abandon them); {@link #openModules} reports them.
 *
 * <p>Thread-safety: safe for concurrent use; never blocks beyond a short in-memory lock.
 */
public final class ValidatingListener implements ExecutionListener {
  private enum Phase {
    RUNNING,
    SUSPENDED,
    FINISHED
  }

  private static final class State {
    Phase phase = Phase.RUNNING;
    EventKind terminal;
    int sequences = 1;
    final Map<UUID, String> open = new LinkedHashMap<>();
    final Set<UUID> cacheHits = new HashSet<>();
  }

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Map<UUID, State> executions = new HashMap<>();
  private final List<String> violations = new ArrayList<>();
  private int eventCount;

  /** A validator that has seen nothing. */
  public ValidatingListener() {}

  private void violation(UUID executionId, String message) {
    violations.add("execution " + executionId + ": " + message);
  }

  private void event(EventKind kind, UUID executionId, UUID moduleId, String moduleName) {
    lock.lock();
    try {
      eventCount++;
      if (executionId == null) {
        violations.add(kind.eventName() + " with a null execution id");
        return;
      }
      State s = executions.get(executionId);
      if (kind == EventKind.EXECUTION_START) {
        if (s == null) {
          executions.put(executionId, new State());
        } else if (s.phase == Phase.SUSPENDED) {
          s.phase = Phase.RUNNING;
          s.terminal = null;
          s.sequences++;
          s.open.clear();
          s.cacheHits.clear();
        } else if (s.phase == Phase.RUNNING) {
          violation(executionId, "executionStart while the execution is already running");
        } else {
          violation(executionId, "executionStart after terminal " + s.terminal.eventName());
        }
        return;
      }
      if (s == null) {
        violation(executionId, kind.eventName() + " before executionStart");
        s = new State();
        executions.put(executionId, s);
      } else if (s.phase != Phase.RUNNING) {
        violation(executionId, kind.eventName() + " after terminal " + s.terminal.eventName());
        return;
      }
      String module = moduleName + " (" + moduleId + ")";
      switch (kind) {
        case MODULE_START -> {
          if (s.open.putIfAbsent(moduleId, moduleName) != null) {
            violation(executionId, "moduleStart of " + module + " while it is already running");
          }
        }
        case MODULE_CACHE_HIT -> {
          if (!s.open.containsKey(moduleId)) {
            violation(executionId, "moduleCacheHit of " + module + " outside its start/complete");
          }
          s.cacheHits.add(moduleId);
        }
        case MODULE_COMPLETE, MODULE_FAILED -> {
          if (s.open.remove(moduleId) == null) {
            violation(executionId, kind.eventName() + " of " + module + " without moduleStart");
          }
        }
        case EXECUTION_COMPLETE, EXECUTION_CANCELLED, EXECUTION_SUSPENDED -> {
          s.terminal = kind;
          s.phase = kind == EventKind.EXECUTION_SUSPENDED ? Phase.SUSPENDED : Phase.FINISHED;
        }
        default -> throw new IllegalStateException("unexpected " + kind);
      }
    } finally {
      changed.signalAll();
      lock.unlock();
    }
  }

  @Override
  public void onExecutionStart(UUID executionId, String dagName) {
    event(EventKind.EXECUTION_START, executionId, null, null);
  }

  @Override
  public void onModuleStart(UUID executionId, UUID moduleId, String moduleName) {
    event(EventKind.MODULE_START, executionId, moduleId, moduleName);
  }

  @Override
  public void onModuleCacheHit(UUID executionId, UUID moduleId, String moduleName) {
    event(EventKind.MODULE_CACHE_HIT, executionId, moduleId, moduleName);
  }

  @Override
  public void onModuleComplete(
      UUID executionId, UUID moduleId, String moduleName, long durationMs) {
    event(EventKind.MODULE_COMPLETE, executionId, moduleId, moduleName);
  }

  @Override
  public void onModuleFailed(UUID executionId, UUID moduleId, String moduleName, Throwable error) {
    event(EventKind.MODULE_FAILED, executionId, moduleId, moduleName);
  }

  @Override
  public void onExecutionComplete(
      UUID executionId, String dagName, boolean succeeded, long durationMs) {
    event(EventKind.EXECUTION_COMPLETE, executionId, null, null);
  }

  @Override
  public void onExecutionCancelled(UUID executionId, String dagName) {
    event(EventKind.EXECUTION_CANCELLED, executionId, null, null);
  }

  @Override
  public void onExecutionSuspended(UUID executionId, String dagName, Set<String> missingInputs) {
    event(EventKind.EXECUTION_SUSPENDED, executionId, null, null);
  }

  /** Every violation so far, in the order found. */
  public List<String> violations() {
    lock.lock();
    try {
      return List.copyOf(violations);
    } finally {
      lock.unlock();
    }
  }

  /** How many events were seen. */
  public int eventCount() {
    lock.lock();
    try {
      return eventCount;
    } finally {
      lock.unlock();
    }
  }

  /** The execution ids seen. */
  public Set<UUID> executionIds() {
    lock.lock();
    try {
      return Set.copyOf(executions.keySet());
    } finally {
      lock.unlock();
    }
  }

  /** The terminal event of the current sequence of {@code executionId}, if it has one. */
  public Optional<EventKind> terminal(UUID executionId) {
    lock.lock();
    try {
      State s = executions.get(executionId);
      return s == null ? Optional.empty() : Optional.ofNullable(s.terminal);
    } finally {
      lock.unlock();
    }
  }

  /** How many sequences (first run plus resumes) {@code executionId} has started. */
  public int sequences(UUID executionId) {
    lock.lock();
    try {
      State s = executions.get(executionId);
      return s == null ? 0 : s.sequences;
    } finally {
      lock.unlock();
    }
  }

  /** Module id → name of modules started but not yet completed or failed. */
  public Map<UUID, String> openModules(UUID executionId) {
    lock.lock();
    try {
      State s = executions.get(executionId);
      return s == null ? Map.of() : Map.copyOf(s.open);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits for a terminal event of {@code executionId} and returns its kind.
   *
   * @throws AssertionError when none arrives within {@code timeout}
   */
  public EventKind awaitTerminal(UUID executionId, Duration timeout) {
    requireNonNull(executionId, "executionId");
    long deadline = System.nanoTime() + timeout.toNanos();
    lock.lock();
    try {
      while (true) {
        State s = executions.get(executionId);
        if (s != null && s.terminal != null) {
          return s.terminal;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("no terminal event for " + executionId + " within " + timeout);
        }
        changed.await(left, TimeUnit.NANOSECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for a terminal event", e);
    } finally {
      lock.unlock();
    }
  }

  /** Fails with the list of violations, if there is any. */
  public void assertNoViolations() {
    List<String> found = violations();
    if (!found.isEmpty()) {
      throw new AssertionError(
          found.size() + " listener ordering violation(s):\n  " + String.join("\n  ", found));
    }
  }

  /**
   * Fails unless every execution seen has reached a terminal event (and there are no violations).
   */
  public void assertEveryExecutionTerminated() {
    assertNoViolations();
    List<String> running = new ArrayList<>();
    lock.lock();
    try {
      executions.forEach(
          (id, s) -> {
            if (s.terminal == null) {
              running.add(id.toString());
            }
          });
    } finally {
      lock.unlock();
    }
    if (!running.isEmpty()) {
      throw new AssertionError("executions without a terminal event: " + running);
    }
  }
}
