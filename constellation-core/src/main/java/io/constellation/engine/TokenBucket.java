package io.constellation.engine;

import io.constellation.pipeline.Throttle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A token bucket holding up to {@code permits} tokens, refilled at {@code permits / period}.
 * Callers reserve a token (the balance may go negative) and sleep outside the lock until their
 * token is due, so waiting calls are spaced evenly and served in arrival order.
 */
final class TokenBucket {
  private final ReentrantLock lock = new ReentrantLock();
  private final double capacity;
  private final double nanosPerToken;
  private double tokens;
  private long last;

  TokenBucket(Throttle throttle) {
    this.capacity = throttle.permits();
    this.nanosPerToken = (double) throttle.period().toNanos() / throttle.permits();
    this.tokens = capacity;
    this.last = System.nanoTime();
  }

  void acquire() throws InterruptedException {
    long waitNanos;
    lock.lock();
    try {
      long now = System.nanoTime();
      tokens = Math.min(capacity, tokens + (now - last) / nanosPerToken);
      last = now;
      tokens -= 1;
      waitNanos = tokens >= 0 ? 0 : (long) (-tokens * nanosPerToken);
    } finally {
      lock.unlock();
    }
    if (waitNanos > 0) {
      TimeUnit.NANOSECONDS.sleep(waitNanos);
    }
  }
}
