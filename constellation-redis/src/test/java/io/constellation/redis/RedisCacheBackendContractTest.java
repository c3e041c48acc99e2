package io.constellation.redis;

import io.constellation.cache.CacheBackend;
import io.constellation.tck.CacheBackendContract;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The cache TCK against a private redis-server; each backend gets its own key prefix. */
class RedisCacheBackendContractTest extends CacheBackendContract {
  private static RedisServer server;
  private static RedisClient client;

  @BeforeAll
  static void startRedis() {
    server = RedisServer.start();
    client = RedisClient.create(RedisURI.create(server.uri()));
  }

  @AfterAll
  static void stopRedis() {
    try {
      if (client != null) {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
      }
    } finally {
      if (server != null) {
        server.close();
      }
    }
  }

  @Override
  protected CacheBackend createBackend() {
    return RedisCacheBackend.builder(client).keyPrefix("tck:" + UUID.randomUUID() + ":").build();
  }
}
