package io.constellation.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.constellation.cache.CacheBackend;
import io.constellation.cache.CacheEntry;
import io.constellation.cache.CacheStats;
import io.constellation.type.CValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Conformance kit for {@link CacheBackend}. Subclass it in your test sources and implement {@link
 * #createBackend()}; override the hooks that apply:
 *
 * <ul>
 *   <li>{@link #supportsClockControl()} + {@link #advanceTime(Duration)} when the backend reads
 *       time from a clock the test controls (in-process caches): TTL tests then advance that clock
 *       instead of waiting;
 *   <li>otherwise (server-side TTL, e.g. Redis {@code PX}, memcached expiry) TTL tests store with
 *       {@link #shortTtl()} and poll with a deadline until the entry is gone;
 *   <li>{@link #statsAreExact()} when the backend cannot count hits and misses exactly;
 *   <li>{@link #closeBackend(CacheBackend)} to release a backend after each test.
 * </ul>
 *
 * <p>Each test gets a fresh backend from {@link #createBackend()}, which must be empty and isolated
 * from other backends (for a shared server: a unique key prefix).
 */
public abstract class CacheBackendContract {
  private static final Duration LONG_TTL = Duration.ofMinutes(10);

  private CacheBackend backend;

  /** A fresh, empty, isolated backend (e.g. with a unique key prefix on a shared server). */
  protected abstract CacheBackend createBackend();

  /**
   * Whether {@link #advanceTime(Duration)} moves the clock the backend reads. Default false: TTL is
   * then tested by waiting for {@link #shortTtl()} to pass.
   */
  protected boolean supportsClockControl() {
    return false;
  }

  /** Moves the backend's clock forward; only called when {@link #supportsClockControl()}. */
  protected void advanceTime(Duration amount) {
    throw new UnsupportedOperationException(
        "override advanceTime when supportsClockControl() returns true");
  }

  /**
   * The TTL used by the expiry test when the clock cannot be controlled. Default 1 s; the test then
   * polls until the entry is gone, for at most {@code 2 * shortTtl() + 1 s} (memcached expires with
   * one-second granularity).
   */
  protected Duration shortTtl() {
    return Duration.ofSeconds(1);
  }

  /**
   * Whether {@link CacheBackend#stats()} counts this backend's hits and misses exactly. Default
   * true. A backend whose counters are shared or approximate returns false; the stats test then
   * only checks that the counts grew by at least the expected amounts.
   */
  protected boolean statsAreExact() {
    return true;
  }

  /** Releases a backend made by {@link #createBackend()}; called after each test. */
  protected void closeBackend(CacheBackend backend) {
    if (backend instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception e) {
        throw new IllegalStateException("closing the backend failed", e);
      }
    }
  }

  /** The backend of the current test. */
  protected final CacheBackend backend() {
    return backend;
  }

  @BeforeEach
  final void tckCreateBackend() {
    backend = createBackend();
    assertThat(backend).as("createBackend()").isNotNull();
  }

  @AfterEach
  final void tckCloseBackend() {
    if (backend != null) {
      try {
        backend.clear();
      } finally {
        closeBackend(backend);
        backend = null;
      }
    }
  }

  private static String key(String name) {
    return "tck:" + name + ":" + UUID.randomUUID();
  }

  @Test
  void getOfAnAbsentKeyIsEmpty() {
    assertThat(backend.<String>get(key("absent"))).isEmpty();
  }

  @Test
  void setThenGetReturnsTheValue() {
    String k = key("value");
    backend.set(k, "hello", LONG_TTL);
    assertThat(backend.<String>get(k)).map(CacheEntry::value).contains("hello");
  }

  @Test
  void entryTimestampsMatchTheTtl() {
    String k = key("timestamps");
    Instant before = Instant.now();
    backend.set(k, "v", Duration.ofSeconds(90));
    Instant after = Instant.now();
    CacheEntry<String> e = backend.<String>get(k).orElseThrow();
    assertThat(e.expiresAt()).isAfter(e.createdAt());
    assertThat(Duration.between(e.createdAt(), e.expiresAt()))
        .isBetween(Duration.ofSeconds(89), Duration.ofSeconds(91));
    if (!supportsClockControl()) {
      assertThat(e.createdAt()).isBetween(before.minusSeconds(2), after.plusSeconds(2));
    }
    assertThat(e.isExpired(e.createdAt().plusSeconds(1))).isFalse();
  }

  @Test
  void setOverwritesTheValueAndTheTtl() {
    String k = key("overwrite");
    backend.set(k, "first", Duration.ofSeconds(30));
    backend.set(k, "second", Duration.ofMinutes(20));
    CacheEntry<String> e = backend.<String>get(k).orElseThrow();
    assertThat(e.value()).isEqualTo("second");
    assertThat(Duration.between(e.createdAt(), e.expiresAt()))
        .isGreaterThan(Duration.ofMinutes(19));
  }

  @Test
  void deleteReturnsTrueOnlyWhenAnEntryWasPresent() {
    String k = key("delete");
    assertThat(backend.delete(k)).isFalse();
    backend.set(k, "v", LONG_TTL);
    assertThat(backend.delete(k)).isTrue();
    assertThat(backend.<String>get(k)).isEmpty();
    assertThat(backend.delete(k)).isFalse();
  }

  @Test
  void containsReflectsPresence() {
    String k = key("contains");
    assertThat(backend.contains(k)).isFalse();
    backend.set(k, 1L, LONG_TTL);
    assertThat(backend.contains(k)).isTrue();
    backend.delete(k);
    assertThat(backend.contains(k)).isFalse();
  }

  @Test
  void clearRemovesEveryEntry() {
    List<String> keys = List.of(key("c1"), key("c2"), key("c3"));
    for (String k : keys) {
      backend.set(k, k, LONG_TTL);
    }
    backend.clear();
    for (String k : keys) {
      assertThat(backend.<String>get(k)).as(k).isEmpty();
    }
  }

  @Test
  void clearLeavesAnotherBackendsEntriesAlone() {
    CacheBackend other = createBackend();
    try {
      String k = key("other");
      other.set(k, "kept", LONG_TTL);
      backend.set(key("mine"), "dropped", LONG_TTL);
      backend.clear();
      assertThat(other.<String>get(k)).map(CacheEntry::value).contains("kept");
      assertThat(backend.<String>get(k)).isEmpty();
    } finally {
      try {
        other.clear();
      } finally {
        closeBackend(other);
      }
    }
  }

  @Test
  void getOrComputeComputesOnceThenHits() {
    String k = key("compute");
    AtomicInteger calls = new AtomicInteger();
    String first = backend.getOrCompute(k, LONG_TTL, () -> "computed-" + calls.incrementAndGet());
    String second = backend.getOrCompute(k, LONG_TTL, () -> "computed-" + calls.incrementAndGet());
    assertThat(first).isEqualTo("computed-1");
    assertThat(second).isEqualTo("computed-1");
    assertThat(calls).hasValue(1);
    backend.delete(k);
    assertThat(backend.getOrCompute(k, LONG_TTL, () -> "computed-" + calls.incrementAndGet()))
        .isEqualTo("computed-2");
  }

  @Test
  void entryExpiresAfterItsTtl() {
    String k = key("ttl");
    if (supportsClockControl()) {
      backend.set(k, "v", Duration.ofSeconds(10));
      advanceTime(Duration.ofSeconds(9));
      assertThat(backend.<String>get(k)).as("before expiry").isPresent();
      advanceTime(Duration.ofSeconds(2));
      assertThat(backend.<String>get(k)).as("after expiry").isEmpty();
      assertThat(backend.contains(k)).isFalse();
      backend.set(k, "again", Duration.ofSeconds(5));
      advanceTime(Duration.ofSeconds(5));
      assertThat(backend.<String>get(k)).as("exactly at expiresAt").isEmpty();
    } else {
      Duration ttl = shortTtl();
      backend.set(k, "v", ttl);
      assertThat(backend.<String>get(k)).as("right after set").isPresent();
      Duration limit = ttl.multipliedBy(2).plusSeconds(1);
      boolean gone =
          Poll.until(
              () -> {
                Instant now = Instant.now();
                Optional<CacheEntry<String>> e = backend.get(k);
                // a served entry must not be past its expiry (50 ms for clock reads)
                e.ifPresent(entry -> assertThat(entry.expiresAt()).isAfter(now.minusMillis(50)));
                return e.isEmpty();
              },
              limit,
              Duration.ofMillis(50));
      assertThat(gone).as("entry with ttl " + ttl + " gone within " + limit).isTrue();
    }
  }

  @Test
  void statsCountHitsAndMisses() {
    String k = key("stats");
    CacheStats before = backend.stats();
    backend.get(k);
    backend.set(k, "v", LONG_TTL);
    backend.get(k);
    backend.get(k);
    CacheStats after = backend.stats();
    long hits = after.hits() - before.hits();
    long misses = after.misses() - before.misses();
    if (statsAreExact()) {
      assertThat(hits).as("hits").isEqualTo(2);
      assertThat(misses).as("misses").isEqualTo(1);
    } else {
      assertThat(hits).as("hits").isGreaterThanOrEqualTo(2);
      assertThat(misses).as("misses").isGreaterThanOrEqualTo(1);
    }
    assertThat(after.hitRatio()).isBetween(0.0, 1.0);
  }

  @Test
  void aMapOfEveryValueKindRoundTrips() {
    String k = key("values");
    Map<String, CValue> outputs = SampleData.everyValueKind();
    backend.set(k, outputs, LONG_TTL);
    Map<String, CValue> back = backend.<Map<String, CValue>>get(k).orElseThrow().value();
    assertThat(back).isEqualTo(outputs);
  }

  @Test
  void specialFloatValuesRoundTrip() {
    String k = key("floats");
    Map<String, CValue> outputs = SampleData.specialFloats();
    backend.set(k, outputs, LONG_TTL);
    assertThat(backend.<Map<String, CValue>>get(k).orElseThrow().value()).isEqualTo(outputs);
  }

  @Test
  void stringsAndLongsRoundTrip() {
    String s = key("string");
    String l = key("long");
    backend.set(s, SampleData.AWKWARD_STRING, LONG_TTL);
    backend.set(l, Long.MIN_VALUE, LONG_TTL);
    assertThat(backend.<String>get(s).orElseThrow().value()).isEqualTo(SampleData.AWKWARD_STRING);
    assertThat(backend.<Long>get(l).orElseThrow().value()).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void keysWithUnicodeColonsAndSpacesWork() {
    List<String> keys =
        List.of(
            "module:tck.upper:1.0:abc==",
            "with spaces and\ttabs " + UUID.randomUUID(),
            "\u65e5\u672c\u8a9e-\u00e9\u00e8-\uD83D\uDE80-" + UUID.randomUUID(),
            "a/b?c=d&e#f " + UUID.randomUUID());
    for (int i = 0; i < keys.size(); i++) {
      backend.set(keys.get(i), "value-" + i, LONG_TTL);
    }
    for (int i = 0; i < keys.size(); i++) {
      assertThat(backend.<String>get(keys.get(i)).map(CacheEntry::value))
          .as(keys.get(i))
          .contains("value-" + i);
    }
    assertThat(backend.delete(keys.get(1))).isTrue();
    assertThat(backend.<String>get(keys.get(1))).isEmpty();
    assertThat(backend.<String>get(keys.get(2))).isPresent();
  }

  @Test
  void concurrentSetAndGetFromSixteenVirtualThreadsIsSafe() throws Exception {
    String shared = key("shared");
    String prefix = key("own");
    int threads = 16;
    int rounds = 50;
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int id = t;
        futures.add(
            pool.submit(
                () -> {
                  for (int r = 0; r < rounds; r++) {
                    String own = prefix + ":" + id + ":" + r;
                    backend.set(own, id * 1000L + r, LONG_TTL);
                    backend.set(shared, "writer-" + id, LONG_TTL);
                    assertThat(backend.<Long>get(own).map(CacheEntry::value))
                        .contains(id * 1000L + r);
                    assertThat(backend.<String>get(shared).map(CacheEntry::value).orElseThrow())
                        .startsWith("writer-");
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    }
    for (int t = 0; t < threads; t++) {
      assertThat(backend.<Long>get(prefix + ":" + t + ":" + (rounds - 1)).map(CacheEntry::value))
          .contains(t * 1000L + rounds - 1);
    }
  }

  @Test
  void nullKeysAndValuesAreRejected() {
    assertThatThrownBy(() -> backend.set(null, "v", LONG_TTL))
        .isInstanceOfAny(NullPointerException.class, IllegalArgumentException.class);
    assertThatThrownBy(() -> backend.set(key("null-value"), null, LONG_TTL))
        .isInstanceOfAny(NullPointerException.class, IllegalArgumentException.class);
    assertThatThrownBy(() -> backend.set(key("null-ttl"), "v", null))
        .isInstanceOfAny(NullPointerException.class, IllegalArgumentException.class);
    assertThatThrownBy(() -> backend.get(null))
        .isInstanceOfAny(NullPointerException.class, IllegalArgumentException.class);
    assertThatThrownBy(() -> backend.delete(null))
        .isInstanceOfAny(NullPointerException.class, IllegalArgumentException.class);
  }

  @Test
  void zeroAndNegativeTtlsAreRejected() {
    String k = key("bad-ttl");
    assertThatThrownBy(() -> backend.set(k, "v", Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> backend.set(k, "v", Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(backend.<String>get(k)).isEmpty();
  }

  @Test
  void nameIsShortAndNotBlank() {
    assertThat(backend.name()).isNotBlank().doesNotContainAnyWhitespaces();
  }
}
