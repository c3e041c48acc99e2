package io.constellation.jdbc;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoresBehaviourTest extends JdbcStoresBehaviour {
  @TempDir Path dir;

  @AfterEach
  void closeStores() {
    stores.close();
  }

  @Override
  JdbcStores open() {
    return JdbcStores.open("jdbc:sqlite:" + dir.resolve("stores.db"));
  }

  @Override
  void forbidAlias(Connection c, String name) throws SQLException {
    execute(
        c,
        "CREATE TRIGGER forbidden_alias BEFORE INSERT ON aliases WHEN NEW.name = '"
            + name
            + "' BEGIN SELECT RAISE(ABORT, 'alias forbidden by test'); END");
  }
}
