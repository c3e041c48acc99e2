package io.constellation.pipeline;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/** At most {@code permits} calls per {@code period} (a token bucket shared by all runs). */
public record Throttle(int permits, Duration period) {
  public Throttle {
    requireNonNull(period, "period");
    if (permits <= 0) {
      throw new IllegalArgumentException("throttle permits must be > 0, was " + permits);
    }
    if (period.isZero() || period.isNegative()) {
      throw new IllegalArgumentException("throttle period must be > 0, was " + period);
    }
  }
}
