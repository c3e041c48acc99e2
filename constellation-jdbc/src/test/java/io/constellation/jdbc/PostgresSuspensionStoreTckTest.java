package io.constellation.jdbc;

import io.constellation.SuspensionStore;
import io.constellation.tck.SuspensionStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SuspensionStore TCK against a private PostgreSQL; every test gets its own schema. */
class PostgresSuspensionStoreTckTest extends SuspensionStoreContract {
  @RegisterExtension static final PrivatePostgres pg = new PrivatePostgres();

  @Override
  protected SuspensionStore createStore() {
    return pg.server().freshStores().suspensions();
  }

  @Override
  protected void closeStore(SuspensionStore store) {
    pg.server().closeStores();
  }
}
