package io.constellation.jdbc;

import io.constellation.SuspensionStore;
import io.constellation.tck.SuspensionStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The SuspensionStore TCK against a private PostgreSQL; every test gets its own schema. */
class PostgresSuspensionStoreTckTest extends SuspensionStoreContract {
  private static PostgresServer pg;

  @BeforeAll
  static void startPostgres() {
    pg = PostgresServer.start();
  }

  @AfterAll
  static void stopPostgres() {
    pg.close();
  }

  @Override
  protected SuspensionStore createStore() {
    return pg.freshStores().suspensions();
  }

  @Override
  protected void closeStore(SuspensionStore store) {
    pg.closeStores();
  }
}
