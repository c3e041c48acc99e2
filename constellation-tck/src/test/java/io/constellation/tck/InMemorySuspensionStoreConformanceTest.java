package io.constellation.tck;

import io.constellation.SuspensionStore;
import io.constellation.impl.InMemorySuspensionStore;

/** The default suspension store passes the suspension store kit. */
class InMemorySuspensionStoreConformanceTest extends SuspensionStoreContract {
  @Override
  protected SuspensionStore createStore() {
    return new InMemorySuspensionStore();
  }
}
