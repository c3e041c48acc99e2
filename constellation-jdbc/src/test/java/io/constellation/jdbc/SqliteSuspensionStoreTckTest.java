package io.constellation.jdbc;

import io.constellation.SuspensionStore;
import io.constellation.tck.SuspensionStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The SuspensionStore TCK against an SQLite file in a temporary directory (one file per test). */
class SqliteSuspensionStoreTckTest extends SuspensionStoreContract {
  @TempDir Path dir;
  private JdbcStores stores;

  @Override
  protected SuspensionStore createStore() {
    stores = JdbcStores.open("jdbc:sqlite:" + dir.resolve("stores.db"));
    return stores.suspensions();
  }

  @Override
  protected void closeStore(SuspensionStore store) {
    stores.close();
  }
}
