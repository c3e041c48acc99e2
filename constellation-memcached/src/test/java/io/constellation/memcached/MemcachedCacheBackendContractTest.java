package io.constellation.memcached;

import io.constellation.cache.CacheBackend;
import io.constellation.tck.CacheBackendContract;
import java.util.UUID;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The cache TCK against a private memcached; each backend gets its own key prefix. */
class MemcachedCacheBackendContractTest extends CacheBackendContract {
  @RegisterExtension static final PrivateMemcached memcached = new PrivateMemcached();

  @Override
  protected CacheBackend createBackend() {
    return MemcachedCacheBackend.builder(memcached.client())
        .keyPrefix("tck:" + UUID.randomUUID() + ":")
        .build();
  }
}
