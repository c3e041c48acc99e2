package io.constellation.caffeine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.constellation.cache.CacheEntry;
import io.constellation.cache.CacheStats;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CaffeineCacheBackendTest {
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final CaffeineCacheBackend cache = new CaffeineCacheBackend().withTicker(nanos::get);

  private void advance(Duration d) {
    nanos.addAndGet(d.toNanos());
  }

  @Test
  void entryIsServedUntilItsTtlAndNotAfter() {
    cache.set("k", "v", Duration.ofSeconds(10));
    advance(Duration.ofMillis(9_999));
    assertThat(cache.<String>get("k")).map(CacheEntry::value).contains("v");
    advance(Duration.ofMillis(1));
    assertThat(cache.get("k")).isEmpty();
  }

  @Test
  void eachEntryHasItsOwnTtl() {
    cache.set("short", "a", Duration.ofSeconds(1));
    cache.set("long", "b", Duration.ofSeconds(60));
    advance(Duration.ofSeconds(2));
    assertThat(cache.get("short")).isEmpty();
    assertThat(cache.<String>get("long")).map(CacheEntry::value).contains("b");
  }

  @Test
  void readsDoNotExtendTheTtlButOverwritesRestartIt() {
    cache.set("k", "v1", Duration.ofSeconds(10));
    advance(Duration.ofSeconds(6));
    assertThat(cache.get("k")).isPresent();
    advance(Duration.ofSeconds(5));
    assertThat(cache.get("k")).isEmpty();

    cache.set("k", "v1", Duration.ofSeconds(10));
    advance(Duration.ofSeconds(6));
    cache.set("k", "v2", Duration.ofSeconds(10));
    advance(Duration.ofSeconds(6));
    assertThat(cache.<String>get("k")).map(CacheEntry::value).contains("v2");
  }

  @Test
  void entryInstantsFollowTheTickerAndMatchTheTtl() {
    cache.set("k", "v", Duration.ofSeconds(30));
    CacheEntry<String> e = cache.<String>get("k").orElseThrow();
    assertThat(Duration.between(e.createdAt(), e.expiresAt())).isEqualTo(Duration.ofSeconds(30));
    Instant created = e.createdAt();
    advance(Duration.ofSeconds(5));
    cache.set("k2", "v", Duration.ofSeconds(30));
    assertThat(cache.get("k2").orElseThrow().createdAt()).isEqualTo(created.plusSeconds(5));
  }

  @Test
  void clockDrivesExpiryWhenGivenAClock() {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    CaffeineCacheBackend c = new CaffeineCacheBackend().withClock(clock);
    c.set("k", 42, Duration.ofMinutes(1));
    CacheEntry<Integer> e = c.<Integer>get("k").orElseThrow();
    assertThat(e.createdAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(e.expiresAt()).isEqualTo(Instant.parse("2026-01-01T00:01:00Z"));
    clock.now = clock.now.plusSeconds(61);
    assertThat(c.get("k")).isEmpty();
  }

  @Test
  void sizeBoundEvictsAndIsReportedInStats() {
    CaffeineCacheBackend small = new CaffeineCacheBackend().withMaxSize(10);
    for (int i = 0; i < 100; i++) {
      small.set("k" + i, i, Duration.ofMinutes(5));
    }
    CacheStats s = small.stats();
    assertThat(s.size()).isLessThanOrEqualTo(10);
    assertThat(s.evictions()).isGreaterThanOrEqualTo(90);
    assertThat(s.maxSize()).hasValue(10);
  }

  @Test
  void statsCountHitsMissesAndExpiryEvictions() {
    cache.set("a", "1", Duration.ofSeconds(1));
    cache.set("b", "2", Duration.ofSeconds(100));
    cache.get("a");
    cache.get("b");
    cache.get("b");
    cache.get("nope");
    advance(Duration.ofSeconds(2));
    cache.get("a");
    CacheStats s = cache.stats();
    assertThat(s.hits()).isEqualTo(3);
    assertThat(s.misses()).isEqualTo(2);
    assertThat(s.evictions()).isEqualTo(1);
    assertThat(s.size()).isEqualTo(1);
    assertThat(s.hitRatio()).isEqualTo(0.6);
  }

  @Test
  void deleteAndClearRemoveEntriesWithoutCountingEvictions() {
    cache.set("a", "1", Duration.ofSeconds(10));
    cache.set("b", "2", Duration.ofSeconds(10));
    assertThat(cache.delete("a")).isTrue();
    assertThat(cache.delete("a")).isFalse();
    cache.clear();
    assertThat(cache.get("b")).isEmpty();
    assertThat(cache.stats().size()).isZero();
    assertThat(cache.stats().evictions()).isZero();
  }

  @Test
  void rejectsNonPositiveTtlAndNullArguments() {
    assertThatThrownBy(() -> cache.set("k", "v", Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ttl");
    assertThatThrownBy(() -> cache.set("k", null, Duration.ofSeconds(1)))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new CaffeineCacheBackend().withMaxSize(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void hugeTtlIsAcceptedAsPracticallyForever() {
    cache.set("k", "v", Duration.ofDays(365L * 1000));
    advance(Duration.ofDays(365L * 100));
    assertThat(cache.get("k")).isPresent();
  }

  @Test
  void nameIsCaffeine() {
    assertThat(cache.name()).isEqualTo("caffeine");
    assertThat(cache.<String>get("absent")).isEqualTo(Optional.empty());
  }

  private static final class MutableClock extends Clock {
    volatile Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
