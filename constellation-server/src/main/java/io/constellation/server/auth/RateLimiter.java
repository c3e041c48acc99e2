package io.constellation.server.auth;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Per-client token buckets: each client (API key fingerprint or IP address) may make {@code
 * capacity} requests in a burst, refilled at {@code capacity} per {@code period}.
 *
 * <p>Thread-safety: safe for concurrent use; each bucket is updated under its own monitor, which
 * guards only arithmetic (no I/O). The number of tracked clients is bounded: when it exceeds {@code
 * maxClients}, buckets that are full again are dropped.
 */
public final class RateLimiter {
  private static final Pattern SPEC =
      Pattern.compile("\\s*(\\d+)\\s*/\\s*(\\d*)\\s*(ms|s|sec|min|m|h)\\s*");

  private final long capacity;
  private final long periodNanos;
  private final LongSupplier nanoTime;
  private final int maxClients;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  private RateLimiter(long capacity, Duration period, LongSupplier nanoTime, int maxClients) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("rate limit must allow at least 1 request");
    }
    if (period.isZero() || period.isNegative()) {
      throw new IllegalArgumentException("rate limit period must be > 0");
    }
    this.capacity = capacity;
    this.periodNanos = period.toNanos();
    this.nanoTime = requireNonNull(nanoTime, "nanoTime");
    this.maxClients = maxClients;
  }

  /** {@code capacity} requests per {@code period} per client, on the system clock. */
  public static RateLimiter of(long capacity, Duration period) {
    return new RateLimiter(capacity, period, System::nanoTime, 100_000);
  }

  /** The same limiter reading time from {@code nanoTime} (for tests). */
  public RateLimiter withNanoTime(LongSupplier nanoTime) {
    return new RateLimiter(capacity, Duration.ofNanos(periodNanos), nanoTime, maxClients);
  }

  /**
   * Parses {@code N/PERIOD} such as {@code 100/1s}, {@code 600/1min}, {@code 20/s}; empty for
   * {@code off}.
   *
   * @throws IllegalArgumentException naming the accepted form
   */
  public static java.util.Optional<RateLimiter> parse(String spec) {
    requireNonNull(spec, "spec");
    if (spec.isBlank() || spec.trim().equalsIgnoreCase("off") || spec.trim().equals("0")) {
      return java.util.Optional.empty();
    }
    Matcher m = SPEC.matcher(spec);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "rate limit '" + spec + "': expected N/PERIOD such as 100/1s or 600/1min, or off");
    }
    long n = Long.parseLong(m.group(1));
    long amount = m.group(2).isEmpty() ? 1 : Long.parseLong(m.group(2));
    Duration unit =
        switch (m.group(3)) {
          case "ms" -> Duration.ofMillis(1);
          case "s", "sec" -> Duration.ofSeconds(1);
          case "m", "min" -> Duration.ofMinutes(1);
          default -> Duration.ofHours(1);
        };
    return java.util.Optional.of(of(n, unit.multipliedBy(amount)));
  }

  /** Requests allowed per period (also the burst size). */
  public long capacity() {
    return capacity;
  }

  /**
   * Takes one token for {@code client}. Returns {@link Duration#ZERO} when allowed, otherwise how
   * long until the next token (the caller answers 429 with {@code Retry-After}).
   */
  public Duration acquire(String client) {
    long now = nanoTime.getAsLong();
    if (buckets.size() > maxClients) {
      evictFull(now);
    }
    Bucket b = buckets.computeIfAbsent(client, k -> new Bucket(capacity, now));
    return b.take(now);
  }

  private void evictFull(long now) {
    for (Iterator<Map.Entry<String, Bucket>> it = buckets.entrySet().iterator(); it.hasNext(); ) {
      if (it.next().getValue().isFull(now)) {
        it.remove();
      }
    }
  }

  private final class Bucket {
    private double tokens;
    private long last;

    Bucket(double tokens, long now) {
      this.tokens = tokens;
      this.last = now;
    }

    synchronized Duration take(long now) {
      refill(now);
      if (tokens >= 1) {
        tokens -= 1;
        return Duration.ZERO;
      }
      double missing = 1 - tokens;
      long waitNanos = (long) Math.ceil(missing * periodNanos / capacity);
      return Duration.ofNanos(Math.max(1, waitNanos));
    }

    synchronized boolean isFull(long now) {
      refill(now);
      return tokens >= capacity;
    }

    private void refill(long now) {
      long elapsed = now - last;
      if (elapsed > 0) {
        tokens = Math.min(capacity, tokens + (double) elapsed * capacity / periodNanos);
        last = now;
      }
    }
  }
}
