package io.constellation.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.constellation.ConstellationException;
import io.constellation.StoreException;
import io.constellation.cache.CacheEntry;
import io.constellation.suspension.SuspensionFilter;
import io.constellation.suspension.SuspensionHandle;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Redis going away and coming back on the same port. Each test has its own server. */
class RedisOutageTest {
  @RegisterExtension
  final PrivateRedis redis = PrivateRedis.reconnectingEvery(Duration.ofMillis(100));

  @Test
  void getFailsFastWithAConstellationExceptionWhileRedisIsDownAndWorksAfterARestart() {
    try (RedisCacheBackend cache =
        RedisCacheBackend.builder(redis.client())
            .keyPrefix("outage:" + UUID.randomUUID() + ":")
            .commandTimeout(Duration.ofMillis(500))
            .build()) {
      cache.set("k", "before", Duration.ofMinutes(1));
      assertThat(cache.<String>get("k")).map(CacheEntry::value).contains("before");

      redis.server().stop();
      long start = System.nanoTime();
      assertThatThrownBy(() -> cache.get("k"))
          .isInstanceOf(ConstellationException.class)
          .isInstanceOf(CacheException.class)
          .hasCauseInstanceOf(Exception.class);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
      assertThatThrownBy(() -> cache.set("k", "during", Duration.ofMinutes(1)))
          .isInstanceOf(CacheException.class);

      redis.server().restart(); // same port, empty (no persistence)
      Optional<Boolean> recovered =
          pollUntilNoException(
              () -> {
                cache.set("k", "after", Duration.ofMinutes(1));
                return true;
              },
              Duration.ofSeconds(20));
      assertThat(recovered).as("backend usable again after restart").contains(true);
      assertThat(cache.<String>get("k")).map(CacheEntry::value).contains("after");
    }
  }

  @Test
  void suspensionStoreFailsWithStoreExceptionWhileRedisIsDownAndRecovers() {
    try (RedisSuspensionStore store =
        RedisSuspensionStore.builder(redis.client())
            .keyPrefix("outage-susp:" + UUID.randomUUID() + ":")
            .commandTimeout(Duration.ofMillis(500))
            .build()) {
      assertThat(store.list(SuspensionFilter.all())).isEmpty();
      redis.server().stop();
      SuspensionHandle h = new SuspensionHandle("x");
      assertThatThrownBy(() -> store.load(h))
          .isInstanceOf(StoreException.class)
          .hasCauseInstanceOf(Exception.class);
      assertThatThrownBy(() -> store.claim(h, Duration.ofSeconds(5)))
          .isInstanceOf(StoreException.class);
      redis.server().restart();
      Optional<Boolean> recovered =
          pollUntilNoException(() -> store.load(h).isEmpty(), Duration.ofSeconds(20));
      assertThat(recovered).contains(true);
    }
  }

  private static <T> Optional<T> pollUntilNoException(Supplier<T> action, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        return Optional.of(action.get());
      } catch (ConstellationException e) {
        try {
          Thread.sleep(50);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }
}
