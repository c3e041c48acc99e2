package io.constellation.memcached;

import io.constellation.cache.CacheBackend;
import io.constellation.tck.CacheBackendContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import net.spy.memcached.MemcachedClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The cache TCK against a private memcached; each backend gets its own key prefix. */
class MemcachedCacheBackendContractTest extends CacheBackendContract {
  private static MemcachedServer server;
  private static MemcachedClient client;

  @BeforeAll
  static void startMemcached() {
    server = MemcachedServer.start();
    try {
      client = new MemcachedClient(List.of(server.address()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterAll
  static void stopMemcached() {
    try {
      if (client != null) {
        client.shutdown(2, TimeUnit.SECONDS);
      }
    } finally {
      if (server != null) {
        server.close();
      }
    }
  }

  @Override
  protected CacheBackend createBackend() {
    return MemcachedCacheBackend.builder(client)
        .keyPrefix("tck:" + UUID.randomUUID() + ":")
        .build();
  }
}
