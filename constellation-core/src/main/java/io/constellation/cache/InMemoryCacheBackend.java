package io.constellation.cache;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The default cache: in-process, bounded by entry count with least-recently-used eviction,
 * per-entry TTL, accurate statistics.
 *
 * <p>Expired entries are dropped when they are next looked up (counted as evictions); until then
 * they count towards the size bound and are the first to go when they are least recently used.
 * {@link #delete} of an expired entry returns false. A TTL too large to add to the clock's instant
 * expires at {@link Instant#MAX}.
 *
 * <p>Thread-safety: safe for concurrent use. Operations are O(1) under a short lock that never
 * surrounds I/O. Never blocks beyond that lock.
 */
public final class InMemoryCacheBackend implements CacheBackend {
  /** Default bound on the number of entries. */
  public static final int DEFAULT_MAX_SIZE = 10_000;

  private final int maxSize;
  private final Clock clock;
  private final ReentrantLock lock = new ReentrantLock();
  private final LinkedHashMap<String, CacheEntry<?>> entries;
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder evictions = new LongAdder();

  /** A cache of at most {@value #DEFAULT_MAX_SIZE} entries on the system clock. */
  public InMemoryCacheBackend() {
    this(DEFAULT_MAX_SIZE, Clock.systemUTC());
  }

  private InMemoryCacheBackend(int maxSize, Clock clock) {
    if (maxSize <= 0) {
      throw new IllegalArgumentException("maxSize must be > 0, was " + maxSize);
    }
    this.maxSize = maxSize;
    this.clock = requireNonNull(clock, "clock");
    this.entries = new LinkedHashMap<>(16, 0.75f, true);
  }

  /** A copy bounded to {@code maxSize} entries (empty). */
  public InMemoryCacheBackend withMaxSize(int maxSize) {
    return new InMemoryCacheBackend(maxSize, clock);
  }

  /** A copy that reads time from {@code clock} (empty); for tests of TTL. */
  public InMemoryCacheBackend withClock(Clock clock) {
    return new InMemoryCacheBackend(maxSize, clock);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <A> Optional<CacheEntry<A>> get(String key) {
    requireNonNull(key, "key");
    Instant now = clock.instant();
    lock.lock();
    try {
      CacheEntry<?> e = entries.get(key);
      if (e == null) {
        misses.increment();
        return Optional.empty();
      }
      if (e.isExpired(now)) {
        entries.remove(key);
        evictions.increment();
        misses.increment();
        return Optional.empty();
      }
      hits.increment();
      return Optional.of((CacheEntry<A>) e);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public <A> void set(String key, A value, Duration ttl) {
    requireNonNull(key, "key");
    requireNonNull(value, "value");
    requireNonNull(ttl, "ttl");
    if (ttl.isZero() || ttl.isNegative()) {
      throw new IllegalArgumentException("ttl must be > 0, was " + ttl);
    }
    Instant now = clock.instant();
    Instant expiresAt;
    try {
      expiresAt = now.plus(ttl);
    } catch (java.time.DateTimeException | ArithmeticException tooFar) {
      expiresAt = Instant.MAX;
    }
    CacheEntry<A> entry = new CacheEntry<>(value, now, expiresAt);
    lock.lock();
    try {
      entries.put(key, entry);
      if (entries.size() > maxSize) {
        evictEldest();
      }
    } finally {
      lock.unlock();
    }
  }

  private void evictEldest() {
    Iterator<Map.Entry<String, CacheEntry<?>>> it = entries.entrySet().iterator();
    it.next();
    it.remove();
    evictions.increment();
  }

  @Override
  public boolean delete(String key) {
    requireNonNull(key, "key");
    Instant now = clock.instant();
    lock.lock();
    try {
      CacheEntry<?> removed = entries.remove(key);
      if (removed != null && removed.isExpired(now)) {
        evictions.increment();
        return false;
      }
      return removed != null;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void clear() {
    lock.lock();
    try {
      entries.clear();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public CacheStats stats() {
    int size;
    lock.lock();
    try {
      size = entries.size();
    } finally {
      lock.unlock();
    }
    return new CacheStats(
        hits.sum(), misses.sum(), evictions.sum(), size, OptionalLong.of(maxSize));
  }

  @Override
  public String name() {
    return "memory";
  }
}
