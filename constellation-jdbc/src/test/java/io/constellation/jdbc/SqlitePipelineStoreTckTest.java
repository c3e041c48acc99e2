package io.constellation.jdbc;

import io.constellation.PipelineStore;
import io.constellation.tck.PipelineStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The PipelineStore TCK against an SQLite file in a temporary directory (one file per test). */
class SqlitePipelineStoreTckTest extends PipelineStoreContract {
  @TempDir Path dir;
  private JdbcStores stores;

  @Override
  protected PipelineStore createStore() {
    stores = JdbcStores.open("jdbc:sqlite:" + dir.resolve("stores.db"));
    return stores.pipelines();
  }

  @Override
  protected void closeStore(PipelineStore store) {
    stores.close();
  }
}
