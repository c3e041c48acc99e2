package io.constellation.server.http;

import static java.util.Objects.requireNonNull;

import io.constellation.execution.PipelineStatus;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The last N finished runs (runs, executes and resumes made through the server), newest first. Kept
 * in memory only: it is a dashboard aid, not an audit log (use the {@code audit} or Kafka listener
 * for that).
 *
 * <p>Thread-safety: safe for concurrent use (a lock guards only list operations).
 */
public final class RunHistory {
  /**
   * One finished run.
   *
   * @param executionId the engine's execution id
   * @param pipeline pipeline name
   * @param kind {@code run}, {@code execute} or {@code resume}
   * @param status how it ended
   * @param startedAt when the request started it
   * @param durationMs wall time of the run
   * @param suspensionHandle the handle when it suspended and was saved
   */
  public record Entry(
      UUID executionId,
      String pipeline,
      String kind,
      PipelineStatus status,
      Instant startedAt,
      long durationMs,
      Optional<String> suspensionHandle) {
    public Entry {
      requireNonNull(executionId, "executionId");
      requireNonNull(pipeline, "pipeline");
      requireNonNull(kind, "kind");
      requireNonNull(status, "status");
      requireNonNull(startedAt, "startedAt");
      requireNonNull(suspensionHandle, "suspensionHandle");
    }
  }

  private final int capacity;
  private final Deque<Entry> entries = new ArrayDeque<>();
  private final ReentrantLock lock = new ReentrantLock();

  public RunHistory(int capacity) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("capacity must be > 0");
    }
    this.capacity = capacity;
  }

  /** Records a finished run, dropping the oldest beyond capacity. */
  public void add(Entry e) {
    requireNonNull(e, "entry");
    lock.lock();
    try {
      entries.addFirst(e);
      while (entries.size() > capacity) {
        entries.removeLast();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Newest first, at most {@code limit}. */
  public List<Entry> recent(int limit) {
    lock.lock();
    try {
      List<Entry> out = new ArrayList<>(Math.min(limit, entries.size()));
      for (Entry e : entries) {
        if (out.size() >= limit) {
          break;
        }
        out.add(e);
      }
      return out;
    } finally {
      lock.unlock();
    }
  }

  /** The newest entry of {@code executionId}. */
  public Optional<Entry> find(UUID executionId) {
    lock.lock();
    try {
      for (Entry e : entries) {
        if (e.executionId().equals(executionId)) {
          return Optional.of(e);
        }
      }
      return Optional.empty();
    } finally {
      lock.unlock();
    }
  }
}
