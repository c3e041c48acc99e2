package io.constellation.engine;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Interrupts module calls that overrun their timeout. Registration is a set insertion; one daemon
 * thread scans the active calls every {@value #TICK_MILLIS} ms, so timeouts fire within one tick.
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

  private final Set<Guard> active = ConcurrentHashMap.newKeySet();
  private final Thread thread;
  private volatile boolean stopped;

  TimeoutWatchdog() {
    thread = Thread.ofPlatform().daemon().name("constellation-timeouts").start(this::loop);
  }

  Guard start(long timeoutNanos) {
    Guard g = new Guard(Thread.currentThread(), System.nanoTime() + timeoutNanos);
    active.add(g);
    return g;
  }

  /**
   * Ends a guarded call; returns true when the call had timed out (the interrupt it caused is
   * cleared from the current thread).
   */
  boolean finish(Guard g) {
    active.remove(g);
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
      for (Guard g : active) {
        if (now - g.deadline >= 0 && g.state.compareAndSet(0, 2)) {
          g.thread.interrupt();
          g.state.set(3);
          active.remove(g);
        }
      }
    }
  }

  void stop() {
    stopped = true;
    thread.interrupt();
  }
}
