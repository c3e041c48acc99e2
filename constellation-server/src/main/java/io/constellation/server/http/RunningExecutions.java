package io.constellation.server.http;

import io.constellation.spi.ExecutionListener;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An {@link ExecutionListener} that tracks the executions running in this engine, for {@code GET
 * /executions/running} and the dashboard's live view. Events arrive asynchronously (the engine's
 * listener queue), so the view may lag a run by a few milliseconds.
 *
 * <p>Thread-safety: safe for concurrent use; no I/O.
 */
public final class RunningExecutions implements ExecutionListener {
  /**
   * A running execution.
   *
   * @param executionId its id
   * @param pipeline the pipeline name
   * @param startedAt when its start event arrived
   * @param modulesCompleted module calls finished so far
   * @param modulesRunning module calls in progress
   */
  public record Running(
      UUID executionId,
      String pipeline,
      Instant startedAt,
      int modulesCompleted,
      int modulesRunning) {}

  private static final class State {
    final String pipeline;
    final Instant startedAt;
    final AtomicInteger completed = new AtomicInteger();
    final Set<UUID> running = ConcurrentHashMap.newKeySet();

    State(String pipeline, Instant startedAt) {
      this.pipeline = pipeline;
      this.startedAt = startedAt;
    }
  }

  private final Map<UUID, State> states = new ConcurrentHashMap<>();
  private final Clock clock;

  public RunningExecutions(Clock clock) {
    this.clock = clock;
  }

  /** Executions in progress, oldest first. */
  public List<Running> snapshot() {
    return states.entrySet().stream()
        .map(
            e ->
                new Running(
                    e.getKey(),
                    e.getValue().pipeline,
                    e.getValue().startedAt,
                    e.getValue().completed.get(),
                    e.getValue().running.size()))
        .sorted(Comparator.comparing(Running::startedAt))
        .toList();
  }

  @Override
  public void onExecutionStart(UUID executionId, String dagName) {
    states.put(executionId, new State(dagName, clock.instant()));
  }

  @Override
  public void onModuleStart(UUID executionId, UUID moduleId, String moduleName) {
    State s = states.get(executionId);
    if (s != null) {
      s.running.add(moduleId);
    }
  }

  @Override
  public void onModuleComplete(
      UUID executionId, UUID moduleId, String moduleName, long durationMs) {
    finishModule(executionId, moduleId);
  }

  @Override
  public void onModuleFailed(UUID executionId, UUID moduleId, String moduleName, Throwable error) {
    finishModule(executionId, moduleId);
  }

  private void finishModule(UUID executionId, UUID moduleId) {
    State s = states.get(executionId);
    if (s != null) {
      s.running.remove(moduleId);
      s.completed.incrementAndGet();
    }
  }

  @Override
  public void onExecutionComplete(
      UUID executionId, String dagName, boolean succeeded, long durationMs) {
    states.remove(executionId);
  }

  @Override
  public void onExecutionCancelled(UUID executionId, String dagName) {
    states.remove(executionId);
  }

  @Override
  public void onExecutionSuspended(UUID executionId, String dagName, Set<String> missingInputs) {
    states.remove(executionId);
  }
}
