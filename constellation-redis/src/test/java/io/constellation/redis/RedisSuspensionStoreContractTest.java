package io.constellation.redis;

import io.constellation.SuspensionStore;
import io.constellation.tck.SuspensionStoreContract;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The suspension-store TCK against a private redis-server; each store gets its own prefix. */
class RedisSuspensionStoreContractTest extends SuspensionStoreContract {
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
  protected SuspensionStore createStore() {
    return RedisSuspensionStore.builder(client)
        .keyPrefix("tck-susp:" + UUID.randomUUID() + ":")
        .build();
  }
}
