package io.constellation.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresStoresBehaviourTest extends JdbcStoresBehaviour {
  @RegisterExtension static final PrivatePostgres pg = new PrivatePostgres();

  @Override
  JdbcStores open() {
    return pg.server().freshStores();
  }

  @Override
  void forbidAlias(Connection c, String name) throws SQLException {
    execute(c, "ALTER TABLE aliases ADD CONSTRAINT forbidden_alias CHECK (name <> '" + name + "')");
  }
}
