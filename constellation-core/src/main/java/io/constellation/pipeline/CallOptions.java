package io.constellation.pipeline;

import static java.util.Objects.requireNonNull;

import io.constellation.type.CValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Per-call options. Applied innermost first: timeout (per attempt) → retry (with delay and backoff)
 * → fallback → on_error → cache lookup/store (successes only) → throttle and concurrency →
 * priority. Immutable; validated on construction.
 *
 * @param retry extra attempts after the first (attempts = retry + 1)
 * @param delay base delay between attempts
 * @param backoff how the delay grows
 * @param maxDelay cap of the delay between attempts
 * @param timeout per-attempt timeout; empty means the module's default, else the engine's
 * @param fallback value used when every attempt failed (for the call's first output)
 * @param cache time-to-live of cached results; empty means no caching
 * @param cacheBackend named cache backend; empty means the default one
 * @param throttle rate limit shared by all runs in the engine for this module
 * @param concurrency maximum parallel calls of this module in the engine
 * @param onError what happens when the call still fails
 * @param priority 0..100, orders queued work when the engine's concurrency is bounded
 */
public record CallOptions(
    int retry,
    Duration delay,
    Backoff backoff,
    Duration maxDelay,
    Optional<Duration> timeout,
    Optional<CValue> fallback,
    Optional<Duration> cache,
    Optional<String> cacheBackend,
    Optional<Throttle> throttle,
    Optional<Integer> concurrency,
    ErrorStrategy onError,
    int priority) {

  /** No options: one attempt, no cache, propagate errors, normal priority. */
  public static final CallOptions DEFAULT =
      new CallOptions(
          0,
          Duration.ZERO,
          Backoff.FIXED,
          Duration.ofSeconds(30),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          ErrorStrategy.PROPAGATE,
          Priority.NORMAL);

  public CallOptions {
    requireNonNull(delay, "delay");
    requireNonNull(backoff, "backoff");
    requireNonNull(maxDelay, "maxDelay");
    requireNonNull(timeout, "timeout");
    requireNonNull(fallback, "fallback");
    requireNonNull(cache, "cache");
    requireNonNull(cacheBackend, "cacheBackend");
    requireNonNull(throttle, "throttle");
    requireNonNull(concurrency, "concurrency");
    requireNonNull(onError, "onError");
    List<String> problems = new ArrayList<>();
    if (retry < 0) {
      problems.add("retry must be >= 0, was " + retry);
    }
    if (delay.isNegative()) {
      problems.add("delay must be >= 0, was " + delay);
    }
    if (maxDelay.isNegative() || maxDelay.isZero()) {
      problems.add("max_delay must be > 0, was " + maxDelay);
    }
    timeout.ifPresent(t -> positive("timeout", t, problems));
    cache.ifPresent(t -> positive("cache", t, problems));
    cacheBackend.ifPresent(
        n -> {
          if (n.isBlank()) {
            problems.add("cache_backend must not be blank");
          }
        });
    concurrency.ifPresent(
        c -> {
          if (c <= 0) {
            problems.add("concurrency must be > 0, was " + c);
          }
        });
    if (priority < 0 || priority > 100) {
      problems.add("priority must be within 0..100, was " + priority);
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
  }

  private static void positive(String name, Duration d, List<String> problems) {
    if (d.isZero() || d.isNegative()) {
      problems.add(name + " must be > 0, was " + d);
    }
  }

  public static Builder builder() {
    return new Builder(DEFAULT);
  }

  /** A builder starting from these options. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The delay before retry number {@code retryNumber} (1-based), capped by {@link #maxDelay}. */
  public Duration delayBefore(int retryNumber) {
    if (delay.isZero()) {
      return Duration.ZERO;
    }
    long base = delay.toNanos();
    long nanos =
        switch (backoff) {
          case FIXED -> base;
          case LINEAR -> multiply(base, retryNumber);
          case EXPONENTIAL -> multiply(base, 1L << Math.min(62, Math.max(0, retryNumber - 1)));
        };
    return Duration.ofNanos(Math.min(nanos, maxDelay.toNanos()));
  }

  private static long multiply(long a, long b) {
    long r = a * b;
    return (b != 0 && r / b != a) || r < 0 ? Long.MAX_VALUE : r;
  }

  /** Builds {@link CallOptions}. Not thread-safe. */
  public static final class Builder {
    private int retry;
    private Duration delay;
    private Backoff backoff;
    private Duration maxDelay;
    private Duration timeout;
    private CValue fallback;
    private Duration cache;
    private String cacheBackend;
    private Throttle throttle;
    private Integer concurrency;
    private ErrorStrategy onError;
    private int priority;

    private Builder(CallOptions o) {
      retry = o.retry;
      delay = o.delay;
      backoff = o.backoff;
      maxDelay = o.maxDelay;
      timeout = o.timeout.orElse(null);
      fallback = o.fallback.orElse(null);
      cache = o.cache.orElse(null);
      cacheBackend = o.cacheBackend.orElse(null);
      throttle = o.throttle.orElse(null);
      concurrency = o.concurrency.orElse(null);
      onError = o.onError;
      priority = o.priority;
    }

    public Builder retry(int retry) {
      this.retry = retry;
      return this;
    }

    public Builder delay(Duration delay) {
      this.delay = delay;
      return this;
    }

    public Builder backoff(Backoff backoff) {
      this.backoff = backoff;
      return this;
    }

    public Builder maxDelay(Duration maxDelay) {
      this.maxDelay = maxDelay;
      return this;
    }

    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    public Builder fallback(CValue fallback) {
      this.fallback = fallback;
      return this;
    }

    public Builder cache(Duration ttl) {
      this.cache = ttl;
      return this;
    }

    public Builder cacheBackend(String name) {
      this.cacheBackend = name;
      return this;
    }

    public Builder throttle(int permits, Duration period) {
      this.throttle = new Throttle(permits, period);
      return this;
    }

    public Builder concurrency(int max) {
      this.concurrency = max;
      return this;
    }

    public Builder onError(ErrorStrategy strategy) {
      this.onError = strategy;
      return this;
    }

    public Builder priority(int priority) {
      this.priority = priority;
      return this;
    }

    /** {@code critical|high|normal|low|background} or {@code 0..100}. */
    public Builder priority(String priority) {
      this.priority = Priority.parse(priority);
      return this;
    }

    public CallOptions build() {
      return new CallOptions(
          retry,
          delay,
          backoff,
          maxDelay,
          Optional.ofNullable(timeout),
          Optional.ofNullable(fallback),
          Optional.ofNullable(cache),
          Optional.ofNullable(cacheBackend),
          Optional.ofNullable(throttle),
          Optional.ofNullable(concurrency),
          onError,
          priority);
    }
  }
}
