package io.constellation.engine;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs failures of plugged components at most once per second (the rest are counted). */
final class RateLimitedLog {
  private static final Logger LOG = LoggerFactory.getLogger("io.constellation.engine");
  private static final AtomicLong NEXT = new AtomicLong();
  private static final AtomicLong SUPPRESSED = new AtomicLong();

  private RateLimitedLog() {}

  static void warn(String message, Throwable error) {
    long now = System.nanoTime();
    long next = NEXT.get();
    if (now - next >= 0 && NEXT.compareAndSet(next, now + 1_000_000_000L)) {
      long suppressed = SUPPRESSED.getAndSet(0);
      LOG.warn(
          "{}: {}{}",
          message,
          String.valueOf(error),
          suppressed > 0 ? " (" + suppressed + " similar messages suppressed)" : "");
    } else {
      SUPPRESSED.incrementAndGet();
    }
  }
}
