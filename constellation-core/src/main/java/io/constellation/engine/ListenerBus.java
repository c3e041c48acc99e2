package io.constellation.engine;

import io.constellation.spi.ExecutionListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Delivers listener events off the engine's threads: one bounded queue and one virtual dispatcher
 * thread per listener. {@link #publish} never blocks; a full queue drops the event and counts it.
 */
final class ListenerBus {
  private final List<Lane> lanes = new ArrayList<>();
  private final GuardedMetrics metrics;

  ListenerBus(List<ExecutionListener> listeners, int capacity, GuardedMetrics metrics) {
    this.metrics = metrics;
    for (ExecutionListener l : listeners) {
      lanes.add(new Lane(l, capacity));
    }
  }

  boolean isEmpty() {
    return lanes.isEmpty();
  }

  /** Hands {@code event} to every listener's queue. Never blocks. */
  void publish(Consumer<ExecutionListener> event) {
    for (int i = 0; i < lanes.size(); i++) {
      lanes.get(i).offer(event);
    }
  }

  /** Waits until every queue is drained or {@code timeout} elapsed. */
  void flush(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Lane lane : lanes) {
      lane.awaitIdle(deadline);
    }
  }

  /** Stops the dispatchers after draining (bounded by {@code timeout}). */
  void close(Duration timeout) {
    flush(timeout);
    for (Lane lane : lanes) {
      lane.thread.interrupt();
    }
  }

  long dropped() {
    long sum = 0;
    for (Lane l : lanes) {
      sum += l.dropped.get();
    }
    return sum;
  }

  private final class Lane {
    private final ExecutionListener listener;
    private final BlockingQueue<Consumer<ExecutionListener>> queue;
    private final AtomicLong enqueued = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Map<String, String> tags;
    private final Thread thread;

    Lane(ExecutionListener listener, int capacity) {
      this.listener = listener;
      this.queue = new ArrayBlockingQueue<>(capacity);
      this.tags = Map.of("listener", listener.getClass().getSimpleName().isEmpty() ? listener.getClass().getName() : listener.getClass().getSimpleName());
      this.thread = Thread.ofVirtual().name("constellation-listener-" + tags.get("listener")).start(this::drain);
    }

    void offer(Consumer<ExecutionListener> event) {
      if (queue.offer(event)) {
        enqueued.incrementAndGet();
      } else {
        dropped.incrementAndGet();
        metrics.counter("constellation.listener.dropped", tags);
      }
    }

    private void drain() {
      while (true) {
        Consumer<ExecutionListener> event;
        try {
          event = queue.take();
        } catch (InterruptedException e) {
          return;
        }
        try {
          event.accept(listener);
        } catch (Throwable t) {
          metrics.counter("constellation.listener.errors", tags);
          // keep delivering: a failing listener never stops the engine or other events
          RateLimitedLog.warn("listener " + tags.get("listener") + " failed", t);
        } finally {
          delivered.incrementAndGet();
        }
      }
    }

    void awaitIdle(long deadlineNanos) {
      while (delivered.get() < enqueued.get() && System.nanoTime() < deadlineNanos) {
        try {
          TimeUnit.MILLISECONDS.sleep(1);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }
}
