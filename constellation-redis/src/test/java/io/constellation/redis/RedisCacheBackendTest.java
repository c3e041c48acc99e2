package io.constellation.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.constellation.cache.CacheEntry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Redis-specific behaviour of {@link RedisCacheBackend} against a private redis-server. */
class RedisCacheBackendTest {
  @RegisterExtension static final PrivateRedis redis = new PrivateRedis();

  private static String uniquePrefix() {
    return "test:" + UUID.randomUUID() + ":";
  }

  private static RedisCacheBackend backend(String prefix) {
    return RedisCacheBackend.builder(redis.client()).keyPrefix(prefix).build();
  }

  @Test
  void usesTheDefaultPrefixAndNameWhenBuiltFromAClient() {
    try (RedisCacheBackend b = new RedisCacheBackend(redis.client())) {
      String key = "default-" + UUID.randomUUID();
      b.set(key, "v", Duration.ofSeconds(30));
      assertThat(redis.sync().exists("constellation:cache:" + key)).isEqualTo(1L);
      assertThat(b.name()).isEqualTo("redis");
      assertThat(b.delete(key)).isTrue();
    }
  }

  @Test
  void ttlIsEnforcedByTheServerWithPx() throws InterruptedException {
    String prefix = uniquePrefix();
    try (RedisCacheBackend b = backend(prefix)) {
      b.set("k", "v", Duration.ofMillis(4_500));
      long pttl = redis.sync().pttl(prefix + "k");
      assertThat(pttl).isBetween(3_000L, 4_500L);

      b.set("short", "v", Duration.ofMillis(150));
      long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
      while (redis.sync().exists(prefix + "short") == 1L && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      // the server removed the key by itself: nothing in the client expired it
      assertThat(redis.sync().exists(prefix + "short")).isZero();
      assertThat(b.get("short")).isEmpty();
    }
  }

  @Test
  void subMillisecondTtlsAreRoundedUpNotDown() {
    String prefix = uniquePrefix();
    try (RedisCacheBackend b = backend(prefix)) {
      b.set("k", "v", Duration.ofNanos(1_000_001_000L));
      CacheEntry<String> e = b.<String>get("k").orElseThrow();
      assertThat(Duration.between(e.createdAt(), e.expiresAt())).isEqualTo(Duration.ofMillis(1001));
    }
  }

  @Test
  void clearDeletesOnlyKeysUnderItsOwnPrefix() {
    String id = UUID.randomUUID().toString();
    String prefix = "glob*[x]?:" + id + ":";
    // matches the prefix as an unescaped glob pattern, but is not under the literal prefix
    String lookalike = "globZZx!:" + id + ":a";
    String unrelated = "unrelated:" + prefix + "a";
    redis.sync().set(unrelated, "keep");
    redis.sync().set(lookalike, "keep");
    try (RedisCacheBackend b = backend(prefix);
        RedisCacheBackend other = backend(uniquePrefix())) {
      other.set("k", "kept", Duration.ofMinutes(5));
      for (int i = 0; i < 1_200; i++) { // more than one SCAN/UNLINK batch
        b.set("k" + i, i, Duration.ofMinutes(5));
      }
      assertThat(b.stats().size()).isEqualTo(1_200);
      b.clear();
      assertThat(b.stats().size()).isZero();
      assertThat(b.get("k0")).isEmpty();
      assertThat(redis.sync().get(unrelated)).isEqualTo("keep");
      assertThat(redis.sync().get(lookalike)).isEqualTo("keep");
      assertThat(other.<String>get("k")).map(CacheEntry::value).contains("kept");
      assertThat(other.stats().size()).isEqualTo(1);
      other.clear();
    } finally {
      redis.sync().del(unrelated, lookalike);
    }
  }

  @Test
  void aCorruptValueIsAMissAndIsDeleted() {
    String prefix = uniquePrefix();
    try (RedisCacheBackend b = backend(prefix)) {
      redis.sync().set(prefix + "garbage", "not an entry at all");
      redis.sync().set(prefix + "badPayload", "c1|1700000000000|60000|{\"v\":1,\"value\":");
      redis.sync().set(prefix + "badHeader", "c1|notanumber|60000|{}");
      for (String k : new String[] {"garbage", "badPayload", "badHeader"}) {
        assertThat(b.get(k)).as(k).isEmpty();
        assertThat(redis.sync().exists(prefix + k)).as(k + " deleted").isZero();
      }
      assertThat(b.stats().misses()).isEqualTo(3);
      assertThat(b.stats().evictions()).isEqualTo(3);
      assertThat(b.stats().hits()).isZero();
    }
  }

  @Test
  void storedValueHasTheDocumentedEnvelope() {
    String prefix = uniquePrefix();
    try (RedisCacheBackend b = backend(prefix)) {
      b.set("k", "hello", Duration.ofSeconds(60));
      String stored = redis.sync().get(prefix + "k");
      assertThat(stored).matches("c1\\|\\d{13}\\|60000\\|\\{.*hello.*\\}");
      assertThat(stored.getBytes(StandardCharsets.UTF_8)).isNotEmpty();
    }
  }

  @Test
  void emptyPrefixAndNonPositiveTimeoutAreRejectedWithTheFieldName() {
    assertThatThrownBy(() -> RedisCacheBackend.builder(redis.client()).keyPrefix(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("keyPrefix");
    assertThatThrownBy(
            () -> RedisCacheBackend.builder(redis.client()).commandTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("commandTimeout");
  }
}
