package io.constellation.tck;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polling with a deadline, for kits and test doubles. */
final class Poll {
  private Poll() {}

  /** Polls {@code condition} every {@code interval} until it holds or {@code timeout} passes. */
  static boolean until(BooleanSupplier condition, Duration timeout, Duration interval) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (condition.getAsBoolean()) {
        return true;
      }
      if (System.nanoTime() - deadline >= 0) {
        return false;
      }
      sleep(interval);
    }
  }

  static void sleep(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while polling", e);
    }
  }
}
