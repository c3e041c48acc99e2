package io.constellation.tck;

import io.constellation.SuspensionStore;
import io.constellation.impl.InMemorySuspensionStore;
import java.time.Duration;

/**
 * The default suspension store with codec validation and a (long) TTL passes the kit: every sample
 * suspension survives {@code SuspensionCodec}, and a TTL does not disturb the contract.
 */
class ValidatingInMemorySuspensionStoreConformanceTest extends SuspensionStoreContract {
  @Override
  protected SuspensionStore createStore() {
    return new InMemorySuspensionStore().withTtl(Duration.ofHours(1)).withCodecValidation();
  }
}
