package io.constellation.cache;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A cached value with its creation and expiry instants.
 *
 * @param value the value
 * @param createdAt when it was stored
 * @param expiresAt when it stops being served
 */
public record CacheEntry<A>(A value, Instant createdAt, Instant expiresAt) {
  public CacheEntry {
    requireNonNull(value, "value");
    requireNonNull(createdAt, "createdAt");
    requireNonNull(expiresAt, "expiresAt");
  }

  /** An entry created now (system clock) that lives for {@code ttl}. */
  public static <A> CacheEntry<A> create(A value, Duration ttl) {
    return create(value, ttl, Clock.systemUTC());
  }

  /** An entry created now by {@code clock} that lives for {@code ttl}. */
  public static <A> CacheEntry<A> create(A value, Duration ttl, Clock clock) {
    Instant now = clock.instant();
    return new CacheEntry<>(value, now, now.plus(ttl));
  }

  /** Whether the entry has expired at {@code now}. */
  public boolean isExpired(Instant now) {
    return !now.isBefore(expiresAt);
  }

  /** Whether the entry has expired now (system clock). */
  public boolean isExpired() {
    return isExpired(Instant.now());
  }

  /** Time left until expiry at {@code now}, zero when expired. */
  public Duration remainingTtl(Instant now) {
    Duration left = Duration.between(now, expiresAt);
    return left.isNegative() ? Duration.ZERO : left;
  }

  /** Time left until expiry now (system clock), zero when expired. */
  public Duration remainingTtl() {
    return remainingTtl(Instant.now());
  }
}
