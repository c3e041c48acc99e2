package io.constellation.engine;

import io.constellation.spi.ExecutionListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
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
      sum += l.dropped.sum();
    }
    return sum;
  }

  /**
   * One listener's bounded queue and dispatcher. Lock-free on the engine's side: an enqueue is a
   * counter increment and a queue append, plus an unpark when the dispatcher sleeps.
   */
  /** How often an idle dispatcher polls before it sleeps until woken (bounds delivery delay). */
  static final long IDLE_POLL_NANOS = 200_000;

  /** Polls (about 13 ms) before an idle dispatcher sleeps until a producer wakes it. */
  static final int IDLE_POLLS = 64;

  private static final java.lang.invoke.VarHandle SLEEPING;

  static {
    try {
      SLEEPING =
          java.lang.invoke.MethodHandles.lookup()
              .findVarHandle(Lane.class, "sleeping", boolean.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final class Lane {
    private final ExecutionListener listener;
    private final Queue<Consumer<ExecutionListener>> queue = new ConcurrentLinkedQueue<>();

    /** Events enqueued and not yet delivered (bounded by {@code capacity}). */
    private final AtomicInteger pending = new AtomicInteger();

    private final LongAdder dropped = new LongAdder();
    private final int capacity;
    private final Map<String, String> tags;
    private final String failureMessage;
    private final Thread thread;
    private volatile boolean sleeping;
    private int idlePolls;

    Lane(ExecutionListener listener, int capacity) {
      this.listener = listener;
      this.capacity = capacity;
      String name =
          listener.getClass().getSimpleName().isEmpty()
              ? listener.getClass().getName()
              : listener.getClass().getSimpleName();
      this.tags = Map.of("listener", name);
      this.failureMessage = "listener " + name + " failed";
      this.thread = Thread.ofVirtual().name("constellation-listener-" + name).start(this::drain);
    }

    void offer(Consumer<ExecutionListener> event) {
      // a full lane is only read, not written, so a burst of drops does not bounce the counter
      if (pending.get() >= capacity) {
        drop();
        return;
      }
      if (pending.getAndIncrement() >= capacity) {
        pending.decrementAndGet();
        drop();
        return;
      }
      queue.offer(event);
      // only the producer that ends the dispatcher's sleep wakes it: no unpark storms
      if (sleeping && SLEEPING.compareAndSet(this, true, false)) {
        LockSupport.unpark(thread);
      }
    }

    private void drop() {
      dropped.increment();
      metrics.counter("constellation.listener.dropped", tags);
    }

    private void drain() {
      while (true) {
        Consumer<ExecutionListener> event = queue.poll();
        if (event == null) {
          if (idlePolls < IDLE_POLLS) {
            // under load, poll every IDLE_POLL_NANOS instead of being woken per event: producers
            // then never pay for an unpark, and events are delivered in batches
            idlePolls++;
            LockSupport.parkNanos(this, IDLE_POLL_NANOS);
            if (Thread.interrupted()) {
              return;
            }
            continue;
          }
          // idle for a while: sleep until a producer wakes us
          sleeping = true;
          if (queue.isEmpty()) {
            LockSupport.park(this);
          }
          sleeping = false;
          if (Thread.interrupted()) {
            return;
          }
          continue;
        }
        idlePolls = 0;
        try {
          event.accept(listener);
        } catch (Throwable t) {
          metrics.counter("constellation.listener.errors", tags);
          // keep delivering: a failing listener never stops the engine or other events
          RateLimitedLog.warn(failureMessage, t);
        } finally {
          pending.decrementAndGet();
        }
      }
    }

    void awaitIdle(long deadlineNanos) {
      while (pending.get() > 0 && System.nanoTime() < deadlineNanos) {
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
