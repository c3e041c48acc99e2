package io.constellation.memcached;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.constellation.cache.CacheEntry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** memcached-specific behaviour of {@link MemcachedCacheBackend} against a private memcached. */
class MemcachedCacheBackendTest {
  @RegisterExtension static final PrivateMemcached memcached = new PrivateMemcached();

  private static MemcachedCacheBackend backend(String prefix) {
    return MemcachedCacheBackend.builder(memcached.client()).keyPrefix(prefix).build();
  }

  private static String uniquePrefix() {
    return "mt:" + UUID.randomUUID() + ":";
  }

  private static byte[] rawGet(String key) throws Exception {
    return memcached.client().asyncGet(key, RawBytesTranscoder.INSTANCE).get(2, TimeUnit.SECONDS);
  }

  /** The remaining TTL in seconds the server reports for {@code key} (meta get {@code t} flag). */
  private static long serverTtlSeconds(String key) throws IOException {
    try (Socket s = new Socket("127.0.0.1", memcached.server().port())) {
      s.setSoTimeout(2000);
      OutputStream out = s.getOutputStream();
      out.write(("mg " + key + " t\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      StringBuilder line = new StringBuilder();
      int c;
      while ((c = in.read()) != -1 && c != '\n') {
        line.append((char) c);
      }
      String reply = line.toString().trim(); // e.g. "HD t2"
      assertThat(reply).as("meta get reply").startsWith("HD");
      for (String part : reply.split(" ")) {
        if (part.startsWith("t")) {
          return Long.parseLong(part.substring(1));
        }
      }
      throw new AssertionError("no TTL in " + reply);
    }
  }

  @Test
  void ttlIsRoundedUpToWholeSecondsWithAMinimumOfOne() {
    assertThat(MemcachedCacheBackend.expiry(Duration.ofMillis(1500), 0)).isEqualTo(2);
    assertThat(MemcachedCacheBackend.expiry(Duration.ofMillis(1), 0)).isEqualTo(1);
    assertThat(MemcachedCacheBackend.expiry(Duration.ofNanos(1), 0)).isEqualTo(1);
    assertThat(MemcachedCacheBackend.expiry(Duration.ofSeconds(1), 0)).isEqualTo(1);
    assertThat(MemcachedCacheBackend.expiry(Duration.ofMillis(59_001), 0)).isEqualTo(60);
    assertThat(MemcachedCacheBackend.expiry(Duration.ofDays(30), 1_000)).isEqualTo(2_592_000);
  }

  @Test
  void ttlsAboveThirtyDaysAreSentAsAbsoluteUnixTimes() {
    long now = 1_800_000_000L;
    assertThat(MemcachedCacheBackend.expiry(Duration.ofDays(30).plusSeconds(1), now))
        .isEqualTo(now + 2_592_001);
    assertThat(MemcachedCacheBackend.expiry(Duration.ofDays(365L * 200), now))
        .isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void theServerHoldsTheRoundedUpTtl() throws Exception {
    try (MemcachedCacheBackend b = backend(uniquePrefix())) {
      b.set("k", "v", Duration.ofMillis(1500));
      // memcached's clock ticks per second: 2 s rounded up shows as 2 (or 1 after a tick)
      assertThat(serverTtlSeconds(b.dataKey("k"))).isBetween(1L, 2L);
      CacheEntry<String> e = b.<String>get("k").orElseThrow();
      assertThat(Duration.between(e.createdAt(), e.expiresAt())).isEqualTo(Duration.ofMillis(1500));
    }
  }

  @Test
  void aFortyDayTtlIsStoredAndServedNotTreatedAsA1970Timestamp() throws Exception {
    try (MemcachedCacheBackend b = backend(uniquePrefix())) {
      b.set("long", "v", Duration.ofDays(40));
      assertThat(b.<String>get("long")).map(CacheEntry::value).contains("v");
      long ttl = serverTtlSeconds(b.dataKey("long"));
      // absolute expiry: memcached converts it with its own second-granular clock (+-1 s)
      long forty = Duration.ofDays(40).toSeconds();
      assertThat(ttl).isBetween(forty - 5, forty + 1);
    }
  }

  @Test
  void clearStartsANewGenerationAndLeavesOldItemsToExpire() throws Exception {
    String prefix = uniquePrefix();
    try (MemcachedCacheBackend b = backend(prefix);
        MemcachedCacheBackend sameprefix = backend(prefix);
        MemcachedCacheBackend other = backend(uniquePrefix())) {
      other.set("k", "kept", Duration.ofMinutes(5));
      b.set("k", "v", Duration.ofMinutes(5));
      long genBefore = b.currentGeneration();
      String oldKey = b.dataKey("k");
      assertThat(oldKey).startsWith(prefix + genBefore + ":k:");

      b.clear();

      assertThat(b.currentGeneration()).isEqualTo(genBefore + 1);
      assertThat(b.get("k")).isEmpty();
      assertThat(sameprefix.get("k")).as("another instance on the prefix sees the clear").isEmpty();
      assertThat(rawGet(oldKey)).as("old generation item is still on the server").isNotNull();
      assertThat(other.<String>get("k")).map(CacheEntry::value).contains("kept");
      b.set("k", "new", Duration.ofMinutes(5));
      assertThat(sameprefix.<String>get("k")).map(CacheEntry::value).contains("new");
    }
  }

  @Test
  void aLostGenerationKeyRestartsAboveEveryEarlierGeneration() throws Exception {
    String prefix = uniquePrefix();
    try (MemcachedCacheBackend b = backend(prefix)) {
      b.set("k", "v", Duration.ofMinutes(5));
      long gen = b.currentGeneration();
      assertThat(memcached.client().delete(prefix + "gen").get(2, TimeUnit.SECONDS))
          .isTrue(); // as if evicted
      assertThat(b.get("k")).isEmpty();
      assertThat(b.currentGeneration()).isGreaterThan(gen);
    }
  }

  @Test
  void longAndUnsafeKeysAreHashedAndStillWork() throws Exception {
    try (MemcachedCacheBackend b = backend(uniquePrefix())) {
      String longKey = "x".repeat(400);
      String spaced = "a key with spaces\r\nand a newline";
      b.set(longKey, "long", Duration.ofMinutes(1));
      b.set(spaced, "spaced", Duration.ofMinutes(1));
      b.set("plain-key==", "plain", Duration.ofMinutes(1));
      assertThat(b.dataKey(longKey)).contains(":h:").hasSizeLessThanOrEqualTo(250);
      assertThat(b.dataKey(spaced)).contains(":h:").doesNotContain(" ");
      assertThat(b.dataKey("plain-key==")).endsWith(":k:plain-key==");
      assertThat(b.<String>get(longKey)).map(CacheEntry::value).contains("long");
      assertThat(b.<String>get(spaced)).map(CacheEntry::value).contains("spaced");
      assertThat(b.<String>get("plain-key==")).map(CacheEntry::value).contains("plain");
      assertThat(b.get("x".repeat(399))).isEmpty();
    }
  }

  @Test
  void aCorruptValueIsAMissAndIsDeleted() throws Exception {
    try (MemcachedCacheBackend b = backend(uniquePrefix())) {
      String key = b.dataKey("k");
      memcached
          .client()
          .set(key, 60, "garbage".getBytes(StandardCharsets.UTF_8), RawBytesTranscoder.INSTANCE)
          .get(2, TimeUnit.SECONDS);
      assertThat(b.get("k")).isEmpty();
      assertThat(rawGet(key)).as("deleted").isNull();
      assertThat(b.stats().misses()).isEqualTo(1);
      assertThat(b.stats().evictions()).isEqualTo(1);
    }
  }

  @Test
  void anEntryPastItsRequestedTtlIsNotServedEvenIfTheServerStillHasIt() throws Exception {
    MutableClock clock = new MutableClock(Instant.now());
    try (MemcachedCacheBackend b =
        MemcachedCacheBackend.builder(memcached.client())
            .keyPrefix(uniquePrefix())
            .clock(clock)
            .build()) {
      b.set("k", "v", Duration.ofSeconds(10));
      clock.now = clock.now.plusSeconds(10);
      assertThat(rawGet(b.dataKey("k"))).isNotNull();
      assertThat(b.get("k")).isEmpty();
      assertThat(b.stats().evictions()).isEqualTo(1);
    }
  }

  @Test
  void statsCountThisInstancesHitsAndMissesAndReportTheServerItemCount() {
    try (MemcachedCacheBackend b = backend(uniquePrefix())) {
      b.get("a");
      b.set("a", 1L, Duration.ofMinutes(1));
      b.get("a");
      var s = b.stats();
      assertThat(s.hits()).isEqualTo(1);
      assertThat(s.misses()).isEqualTo(1);
      assertThat(s.size()).isGreaterThanOrEqualTo(1);
      assertThat(s.maxSize()).isEmpty();
      assertThat(b.name()).isEqualTo("memcached");
    }
  }

  @Test
  void badPrefixesAreRejectedWithTheFieldName() {
    assertThatThrownBy(
            () -> MemcachedCacheBackend.builder(memcached.client()).keyPrefix("has space"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("keyPrefix");
    assertThatThrownBy(() -> MemcachedCacheBackend.builder(memcached.client()).keyPrefix(""))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static final class MutableClock extends Clock {
    volatile Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
