package io.constellation.redis;

import io.constellation.SuspensionStore;
import io.constellation.tck.SuspensionStoreContract;
import java.util.UUID;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The suspension-store TCK against a private redis-server; each store gets its own prefix. */
class RedisSuspensionStoreContractTest extends SuspensionStoreContract {
  @RegisterExtension static final PrivateRedis redis = new PrivateRedis();

  @Override
  protected SuspensionStore createStore() {
    return RedisSuspensionStore.builder(redis.client())
        .keyPrefix("tck-susp:" + UUID.randomUUID() + ":")
        .build();
  }
}
