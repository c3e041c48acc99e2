package io.constellation.engine;

import java.util.PriorityQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Bounds the number of module calls running at once; waiting calls start highest priority first,
 * then in arrival order.
 */
final class PriorityGate {
  private static final class Waiter implements Comparable<Waiter> {
    final int priority;
    final long seq;
    final Condition turn;
    boolean granted;

    Waiter(int priority, long seq, Condition turn) {
      this.priority = priority;
      this.seq = seq;
      this.turn = turn;
    }

    @Override
    public int compareTo(Waiter o) {
      int c = Integer.compare(o.priority, priority);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }

  private final ReentrantLock lock = new ReentrantLock();
  private final PriorityQueue<Waiter> waiting = new PriorityQueue<>();
  private final int permits;
  private int active;
  private long seq;

  PriorityGate(int permits) {
    this.permits = permits;
  }

  void acquire(int priority) throws InterruptedException {
    lock.lock();
    try {
      if (active < permits && waiting.isEmpty()) {
        active++;
        return;
      }
      Waiter w = new Waiter(priority, seq++, lock.newCondition());
      waiting.add(w);
      try {
        while (!w.granted) {
          w.turn.await();
        }
      } catch (InterruptedException e) {
        if (w.granted) {
          releaseLocked();
        } else {
          waiting.remove(w);
        }
        throw e;
      }
    } finally {
      lock.unlock();
    }
  }

  void release() {
    lock.lock();
    try {
      releaseLocked();
    } finally {
      lock.unlock();
    }
  }

  private void releaseLocked() {
    Waiter next = waiting.poll();
    if (next != null) {
      next.granted = true;
      next.turn.signal();
    } else {
      active--;
    }
  }

  int active() {
    lock.lock();
    try {
      return active;
    } finally {
      lock.unlock();
    }
  }

  int queued() {
    lock.lock();
    try {
      return waiting.size();
    } finally {
      lock.unlock();
    }
  }
}
