package io.constellation.redis;

import io.constellation.cache.CacheBackend;
import io.constellation.tck.CacheBackendContract;
import java.util.UUID;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The cache TCK against a private redis-server; each backend gets its own key prefix. */
class RedisCacheBackendContractTest extends CacheBackendContract {
  @RegisterExtension static final PrivateRedis redis = new PrivateRedis();

  @Override
  protected CacheBackend createBackend() {
    return RedisCacheBackend.builder(redis.client())
        .keyPrefix("tck:" + UUID.randomUUID() + ":")
        .build();
  }
}
