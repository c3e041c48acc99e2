package io.constellation.engine;

import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Interrupts module calls that overrun their timeout. Registration appends the call to a lock-free
 * queue; finishing a call only flips its state. One daemon thread scans the queue every {@value
 * #TICK_MILLIS} ms, unlinks finished calls and interrupts overdue ones, so timeouts fire within one
 * tick and the per-call cost is one queue append (no hashing: a concurrent set cost ~0.1 µs per
 * call in identity hashes and node churn, docs/performance.md).
 */
final class TimeoutWatchdog {
  static final long TICK_MILLIS = 5;

  /** One guarded call. State: 0 running, 1 finished, 2 timing out, 3 interrupted. */
  static final class Guard {
    final Thread thread;
    final long deadline;
    final AtomicInteger state = new AtomicInteger();

    Guard(Thread thread, long deadline) {
      this.thread = thread;
      this.deadline = deadline;
    }
  }

  private final ConcurrentLinkedQueue<Guard> active = new ConcurrentLinkedQueue<>();
  private final Thread thread;
  private volatile boolean stopped;

  TimeoutWatchdog() {
    thread = Thread.ofPlatform().daemon().name("constellation-timeouts").start(this::loop);
  }

  Guard start(long timeoutNanos) {
    Guard g = new Guard(Thread.currentThread(), System.nanoTime() + timeoutNanos);
    active.offer(g);
    return g;
  }

  /**
   * Ends a guarded call; returns true when the call had timed out (the interrupt it caused is
   * cleared from the current thread).
   */
  boolean finish(Guard g) {
    // the watchdog unlinks finished guards on its next tick
    if (g.state.compareAndSet(0, 1)) {
      return false;
    }
    while (g.state.get() != 3) {
      Thread.onSpinWait();
    }
    Thread.interrupted();
    return true;
  }

  private void loop() {
    while (!stopped) {
      LockSupport.parkNanos(TICK_MILLIS * 1_000_000L);
      if (active.isEmpty()) {
        continue;
      }
      long now = System.nanoTime();
      for (Iterator<Guard> it = active.iterator(); it.hasNext(); ) {
        Guard g = it.next();
        int st = g.state.get();
        if (st == 1) {
          it.remove();
        } else if (st == 0 && now - g.deadline >= 0 && g.state.compareAndSet(0, 2)) {
          g.thread.interrupt();
          g.state.set(3);
          it.remove();
        }
      }
    }
  }

  void stop() {
    stopped = true;
    thread.interrupt();
  }
}
