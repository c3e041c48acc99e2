package io.constellation.jdbc;

import io.constellation.PipelineStore;
import io.constellation.tck.PipelineStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The PipelineStore TCK against a private PostgreSQL; every test gets its own schema. */
class PostgresPipelineStoreTckTest extends PipelineStoreContract {
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
  protected PipelineStore createStore() {
    return pg.freshStores().pipelines();
  }

  @Override
  protected void closeStore(PipelineStore store) {
    pg.closeStores();
  }
}
