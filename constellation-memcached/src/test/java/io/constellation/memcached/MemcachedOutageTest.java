package io.constellation.memcached;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.constellation.ConstellationException;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** memcached going away: operations fail fast with a ConstellationException. */
class MemcachedOutageTest {
  @RegisterExtension final PrivateMemcached memcached = new PrivateMemcached();

  @Test
  void operationsFailWithACacheExceptionWithinTheTimeoutWhenTheServerIsGone() {
    try (MemcachedCacheBackend cache =
        MemcachedCacheBackend.builder(memcached.client())
            .keyPrefix("outage:" + UUID.randomUUID() + ":")
            .operationTimeout(Duration.ofMillis(300))
            .build()) {
      cache.set("k", "v", Duration.ofMinutes(1));
      assertThat(cache.get("k")).isPresent();
      memcached.server().stop();
      long start = System.nanoTime();
      assertThatThrownBy(() -> cache.get("k"))
          .isInstanceOf(ConstellationException.class)
          .isInstanceOf(CacheException.class)
          .hasCauseInstanceOf(Exception.class);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
      assertThatThrownBy(cache::clear).isInstanceOf(CacheException.class);
    }
  }
}
