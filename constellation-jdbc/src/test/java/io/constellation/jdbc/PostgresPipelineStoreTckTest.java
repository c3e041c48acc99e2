package io.constellation.jdbc;

import io.constellation.PipelineStore;
import io.constellation.tck.PipelineStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The PipelineStore TCK against a private PostgreSQL; every test gets its own schema. */
class PostgresPipelineStoreTckTest extends PipelineStoreContract {
  @RegisterExtension static final PrivatePostgres pg = new PrivatePostgres();

  @Override
  protected PipelineStore createStore() {
    return pg.server().freshStores().pipelines();
  }

  @Override
  protected void closeStore(PipelineStore store) {
    pg.server().closeStores();
  }
}
