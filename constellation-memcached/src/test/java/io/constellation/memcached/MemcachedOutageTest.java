package io.constellation.memcached;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.constellation.ConstellationException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import net.spy.memcached.MemcachedClient;
import org.junit.jupiter.api.Test;

/** memcached going away: operations fail fast with a ConstellationException. */
class MemcachedOutageTest {
  @Test
  void operationsFailWithACacheExceptionWithinTheTimeoutWhenTheServerIsGone() throws Exception {
    try (MemcachedServer server = MemcachedServer.start()) {
      MemcachedClient client = new MemcachedClient(List.of(server.address()));
      try (MemcachedCacheBackend cache =
          MemcachedCacheBackend.builder(client)
              .keyPrefix("outage:" + UUID.randomUUID() + ":")
              .operationTimeout(Duration.ofMillis(300))
              .build()) {
        cache.set("k", "v", Duration.ofMinutes(1));
        assertThat(cache.get("k")).isPresent();
        server.stop();
        long start = System.nanoTime();
        assertThatThrownBy(() -> cache.get("k"))
            .isInstanceOf(ConstellationException.class)
            .isInstanceOf(CacheException.class)
            .hasCauseInstanceOf(Exception.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThatThrownBy(cache::clear).isInstanceOf(CacheException.class);
      } finally {
        client.shutdown(1, TimeUnit.SECONDS);
      }
    }
  }
}
