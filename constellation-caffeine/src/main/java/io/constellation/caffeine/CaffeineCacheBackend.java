package io.constellation.caffeine;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.constellation.cache.CacheBackend;
import io.constellation.cache.CacheEntry;
import io.constellation.cache.CacheStats;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A {@link CacheBackend} on <a href="https://github.com/ben-manes/caffeine">Caffeine</a>:
 * in-process, bounded by entry count (Caffeine's W-TinyLFU eviction), with a per-entry TTL
 * (variable expiry) and statistics taken from Caffeine's own counters.
 *
 * <p><b>Thread-safety:</b> safe for concurrent use by any number of threads.
 *
 * <p><b>Blocking:</b> never blocks on I/O. Cache maintenance (eviction, expiry clean-up) runs on
 * the calling thread, so no background threads are used.
 *
 * <p><b>Failure:</b> only argument errors ({@link NullPointerException}, {@link
 * IllegalArgumentException}) are thrown.
 *
 * <p><b>Time:</b> expiry is decided by a Caffeine {@link Ticker}; {@link #withTicker} or {@link
 * #withClock} replace it for tests. {@link CacheEntry#createdAt()} and {@link
 * CacheEntry#expiresAt()} are read from the same time source, so they agree with the expiry.
 *
 * <p><b>Statistics:</b> {@code hits}/{@code misses} count {@link #get} lookups; {@code evictions}
 * counts entries removed by the size bound or by expiry (not by {@link #delete}/{@link #clear});
 * {@code size} is Caffeine's estimate after pending maintenance has run; {@code maxSize} is the
 * bound.
 */
public final class CaffeineCacheBackend implements CacheBackend {
  /** Default bound on the number of entries. */
  public static final long DEFAULT_MAX_SIZE = 10_000;

  /** Caffeine treats durations beyond ~150 years as "never"; we cap there to avoid overflow. */
  private static final long MAX_NANOS = Long.MAX_VALUE >> 1;

  private final long maxSize;
  private final TimeSource time;
  private final Cache<String, CacheEntry<?>> cache;

  /** A cache of at most {@value #DEFAULT_MAX_SIZE} entries on the system clock. */
  public CaffeineCacheBackend() {
    this(DEFAULT_MAX_SIZE, TimeSource.system());
  }

  private CaffeineCacheBackend(long maxSize, TimeSource time) {
    if (maxSize <= 0) {
      throw new IllegalArgumentException("maxSize must be > 0, was " + maxSize);
    }
    this.maxSize = maxSize;
    this.time = time;
    this.cache =
        Caffeine.newBuilder()
            .maximumSize(maxSize)
            .expireAfter(new EntryExpiry())
            .ticker(time.ticker())
            .executor(Runnable::run)
            .recordStats()
            .build();
  }

  /** A cache of at most {@code maxSize} entries on the system clock. */
  public static CaffeineCacheBackend create(long maxSize) {
    return new CaffeineCacheBackend(maxSize, TimeSource.system());
  }

  /** A new, empty cache like this one but bounded to {@code maxSize} entries. */
  public CaffeineCacheBackend withMaxSize(long maxSize) {
    return new CaffeineCacheBackend(maxSize, time);
  }

  /**
   * A new, empty cache like this one whose expiry follows {@code ticker} (nanoseconds). Entry
   * instants are the wall-clock time when the cache was created plus the ticker's progress since.
   */
  public CaffeineCacheBackend withTicker(Ticker ticker) {
    return new CaffeineCacheBackend(maxSize, TimeSource.ofTicker(requireNonNull(ticker, "ticker")));
  }

  /** A new, empty cache like this one whose expiry and entry instants follow {@code clock}. */
  public CaffeineCacheBackend withClock(Clock clock) {
    return new CaffeineCacheBackend(maxSize, TimeSource.ofClock(requireNonNull(clock, "clock")));
  }

  @Override
  @SuppressWarnings("unchecked")
  public <A> Optional<CacheEntry<A>> get(String key) {
    requireNonNull(key, "key");
    CacheEntry<?> entry = cache.getIfPresent(key);
    return Optional.ofNullable((CacheEntry<A>) entry);
  }

  @Override
  public <A> void set(String key, A value, Duration ttl) {
    requireNonNull(key, "key");
    requireNonNull(value, "value");
    requireNonNull(ttl, "ttl");
    if (ttl.isZero() || ttl.isNegative()) {
      throw new IllegalArgumentException("ttl must be > 0, was " + ttl);
    }
    Instant now = time.now();
    cache.put(key, new CacheEntry<>(value, now, plusSaturating(now, ttl)));
  }

  @Override
  public boolean delete(String key) {
    requireNonNull(key, "key");
    return cache.asMap().remove(key) != null;
  }

  @Override
  public void clear() {
    cache.invalidateAll();
    cache.cleanUp();
  }

  @Override
  public CacheStats stats() {
    cache.cleanUp();
    com.github.benmanes.caffeine.cache.stats.CacheStats s = cache.stats();
    return new CacheStats(
        s.hitCount(),
        s.missCount(),
        s.evictionCount(),
        cache.estimatedSize(),
        OptionalLong.of(maxSize));
  }

  @Override
  public String name() {
    return "caffeine";
  }

  private static Instant plusSaturating(Instant now, Duration ttl) {
    try {
      return now.plus(ttl);
    } catch (ArithmeticException | java.time.DateTimeException e) {
      return Instant.MAX;
    }
  }

  private static long nanosSaturating(Duration d) {
    try {
      return Math.min(d.toNanos(), MAX_NANOS);
    } catch (ArithmeticException e) {
      return MAX_NANOS;
    }
  }

  /** Each entry lives for its own TTL from its last write; reads do not extend it. */
  private static final class EntryExpiry implements Expiry<String, CacheEntry<?>> {
    @Override
    public long expireAfterCreate(String key, CacheEntry<?> value, long currentTime) {
      return Math.max(1, nanosSaturating(Duration.between(value.createdAt(), value.expiresAt())));
    }

    @Override
    public long expireAfterUpdate(
        String key, CacheEntry<?> value, long currentTime, long currentDuration) {
      return expireAfterCreate(key, value, currentTime);
    }

    @Override
    public long expireAfterRead(
        String key, CacheEntry<?> value, long currentTime, long currentDuration) {
      return currentDuration;
    }
  }

  /** One time source for both the Caffeine ticker and the entry instants. */
  private record TimeSource(Ticker ticker, Instant anchor, long anchorNanos) {
    static TimeSource system() {
      return ofTicker(Ticker.systemTicker());
    }

    static TimeSource ofTicker(Ticker ticker) {
      return new TimeSource(ticker, Instant.now(), ticker.read());
    }

    static TimeSource ofClock(Clock clock) {
      Ticker t =
          () -> {
            Instant i = clock.instant();
            return Math.addExact(
                Math.multiplyExact(i.getEpochSecond(), 1_000_000_000L), i.getNano());
          };
      return new TimeSource(t, Instant.EPOCH, 0L);
    }

    Instant now() {
      return anchor.plusNanos(ticker.read() - anchorNanos);
    }
  }
}
