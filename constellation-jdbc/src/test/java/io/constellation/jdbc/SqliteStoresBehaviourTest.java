package io.constellation.jdbc;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
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

  @Test
  void aWriteTakesTheFileWriteLockAtBeginAndHoldsNothingAfterwards() throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve("stores.db");
    Db db = new Db(stores.dataSource(), JdbcDialect.SQLITE, "test");
    try (Connection other = DriverManager.getConnection(url)) {
      db.write(
          "probe",
          c -> {
            // only read so far: a DEFERRED transaction would hold no write lock yet
            try (Statement s = c.createStatement()) {
              s.executeQuery("SELECT count(*) FROM pipelines").close();
            }
            assertThatThrownBy(() -> beginImmediate(other))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("SQLITE_BUSY");
            return null;
          });
      beginImmediate(other); // the pooled connection holds no lock once write() returned
      execute(other, "ROLLBACK");
    }
  }

  private static void beginImmediate(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout = 0");
      s.execute("BEGIN IMMEDIATE");
    }
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
