package io.constellation.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.constellation.cache.CacheBackend;
import io.constellation.cache.CacheStats;
import io.constellation.cache.InMemoryCacheBackend;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The default cache passes the cache kit, on a controllable clock, plus LRU and bound tests. */
class InMemoryCacheBackendConformanceTest extends CacheBackendContract {
  private static final Duration TTL = Duration.ofMinutes(5);
  private final TestClock clock = TestClock.create();

  @Override
  protected CacheBackend createBackend() {
    return new InMemoryCacheBackend().withClock(clock);
  }

  @Override
  protected boolean supportsClockControl() {
    return true;
  }

  @Override
  protected void advanceTime(Duration amount) {
    clock.advance(amount);
  }

  private InMemoryCacheBackend bounded(int maxSize) {
    return new InMemoryCacheBackend().withClock(clock).withMaxSize(maxSize);
  }

  @Test
  void theLeastRecentlyUsedEntryIsEvictedFirst() {
    InMemoryCacheBackend cache = bounded(3);
    cache.set("a", 1L, TTL);
    cache.set("b", 2L, TTL);
    cache.set("c", 3L, TTL);
    cache.get("a"); // a is now the most recently used; b the least
    cache.set("d", 4L, TTL);
    assertThat(cache.contains("b")).isFalse();
    assertThat(cache.contains("a")).isTrue();
    assertThat(cache.contains("c")).isTrue();
    assertThat(cache.contains("d")).isTrue();
  }

  @Test
  void overwritingAnEntryCountsAsAUse() {
    InMemoryCacheBackend cache = bounded(2);
    cache.set("a", 1L, TTL);
    cache.set("b", 2L, TTL);
    cache.set("a", 10L, TTL);
    cache.set("c", 3L, TTL);
    assertThat(cache.contains("b")).isFalse();
    assertThat(cache.<Long>get("a").orElseThrow().value()).isEqualTo(10L);
  }

  @Test
  void theSizeNeverExceedsMaxSizeAndEvictionsAreCounted() {
    InMemoryCacheBackend cache = bounded(10);
    for (int i = 0; i < 25; i++) {
      cache.set("k" + i, (long) i, TTL);
      assertThat(cache.stats().size()).isLessThanOrEqualTo(10);
    }
    CacheStats stats = cache.stats();
    assertThat(stats.size()).isEqualTo(10);
    assertThat(stats.evictions()).isEqualTo(15);
    assertThat(stats.maxSize()).hasValue(10);
    for (int i = 15; i < 25; i++) {
      assertThat(cache.contains("k" + i)).as("k" + i).isTrue();
    }
  }

  @Test
  void anExpiredEntryIsCountedAsAnEvictionAndAMiss() {
    InMemoryCacheBackend cache = bounded(10);
    cache.set("k", "v", Duration.ofSeconds(1));
    clock.advance(Duration.ofSeconds(1));
    CacheStats before = cache.stats();
    assertThat(cache.<String>get("k")).isEmpty();
    CacheStats after = cache.stats();
    assertThat(after.misses() - before.misses()).isEqualTo(1);
    assertThat(after.evictions() - before.evictions()).isEqualTo(1);
    assertThat(after.size()).isZero();
  }

  @Test
  void deleteOfAnExpiredEntryReturnsFalse() {
    InMemoryCacheBackend cache = bounded(10);
    cache.set("k", "v", Duration.ofSeconds(1));
    clock.advance(Duration.ofSeconds(2));
    assertThat(cache.delete("k")).isFalse();
  }

  @Test
  void aHugeTtlNeverExpires() {
    InMemoryCacheBackend cache = bounded(10);
    cache.set("k", "v", Duration.ofSeconds(Long.MAX_VALUE));
    assertThat(cache.<String>get("k").orElseThrow().expiresAt()).isEqualTo(Instant.MAX);
    clock.advance(Duration.ofDays(365 * 100));
    assertThat(cache.contains("k")).isTrue();
  }

  @Test
  void entryTimestampsComeFromTheInjectedClock() {
    InMemoryCacheBackend cache = bounded(10);
    Instant start = clock.instant();
    cache.set("k", "v", Duration.ofSeconds(30));
    var entry = cache.<String>get("k").orElseThrow();
    assertThat(entry.createdAt()).isEqualTo(start);
    assertThat(entry.expiresAt()).isEqualTo(start.plusSeconds(30));
  }
}
