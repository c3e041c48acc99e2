package io.constellation.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

class PostgresStoresBehaviourTest extends JdbcStoresBehaviour {
  private static PostgresServer pg;

  @BeforeAll
  static void startPostgres() {
    pg = PostgresServer.start();
  }

  @AfterAll
  static void stopPostgres() {
    pg.close();
  }

  @AfterEach
  void closeStores() {
    pg.closeStores();
  }

  @Override
  JdbcStores open() {
    return pg.freshStores();
  }

  @Override
  void forbidAlias(Connection c, String name) throws SQLException {
    execute(c, "ALTER TABLE aliases ADD CONSTRAINT forbidden_alias CHECK (name <> '" + name + "')");
  }
}
