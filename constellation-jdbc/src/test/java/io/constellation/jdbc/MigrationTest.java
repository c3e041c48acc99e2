package io.constellation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.constellation.StoreException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class MigrationTest {
  @RegisterExtension static final PrivatePostgres pg = new PrivatePostgres();

  @TempDir Path dir;

  @Test
  void postgresSchemaHasTheFourTablesAtVersionOne() throws SQLException {
    String schema = pg.server().createSchema();
    pg.server().storesOn(schema);
    assertThat(tables(pg.server().url(schema), schema))
        .contains("pipelines", "aliases", "syntactic_index", "suspensions");
    assertThat(versions(pg.server().url(schema))).containsExactly("1");
  }

  @Test
  void openingAPostgresDatabaseTwiceMigratesOnce() throws SQLException {
    String schema = pg.server().createSchema();
    pg.server().storesOn(schema).close();
    pg.server().storesOn(schema);
    pg.server().storesOn(schema);
    assertThat(versions(pg.server().url(schema))).containsExactly("1");
  }

  @Test
  void openingAnSqliteFileTwiceMigratesOnceAndUsesWal() throws SQLException {
    String url = "jdbc:sqlite:" + dir.resolve("stores.db");
    JdbcStores.open(url).close();
    try (JdbcStores again = JdbcStores.open(url)) {
      assertThat(again.dialect()).isEqualTo(JdbcDialect.SQLITE);
    }
    assertThat(versions(url)).containsExactly("1");
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
    }
  }

  @Test
  void aPostgresSchemaNewerThanTheCodeIsRefusedWithAClearError() throws SQLException {
    String schema = pg.server().createSchema();
    pg.server().storesOn(schema).close();
    addFutureVersion(pg.server().url(schema));
    assertThatThrownBy(() -> pg.server().storesOn(schema))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("version 99")
        .hasMessageContaining("newer than version 1")
        .hasMessageContaining("upgrade constellation-jdbc");
  }

  @Test
  void anSqliteSchemaNewerThanTheCodeIsRefusedWithAClearError() throws SQLException {
    String url = "jdbc:sqlite:" + dir.resolve("future.db");
    JdbcStores.open(url).close();
    addFutureVersion(url);
    assertThatThrownBy(() -> JdbcStores.open(url))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("version 99")
        .hasMessageContaining("newer than version 1");
    assertThatThrownBy(() -> JdbcPipelineStore.create(sqliteDataSource(url)))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("version 99");
  }

  @Test
  void storesBuiltFromAPlainDataSourceDetectTheirDialectAndMigrate() throws SQLException {
    String url = "jdbc:sqlite:" + dir.resolve("plain.db");
    org.sqlite.SQLiteDataSource ds = sqliteDataSource(url);
    assertThat(JdbcPipelineStore.create(ds).dialect()).isEqualTo(JdbcDialect.SQLITE);
    assertThat(JdbcSuspensionStore.create(ds).dialect()).isEqualTo(JdbcDialect.SQLITE);
    assertThat(versions(url)).containsExactly("1");
  }

  @Test
  void unsupportedUrlsAreRefusedNamingTheUrl() {
    assertThatThrownBy(() -> JdbcStores.open("jdbc:mysql://localhost/x?password=secret"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jdbc:mysql://localhost/x")
        .hasMessageNotContaining("secret");
    assertThatThrownBy(() -> JdbcStores.open("jdbc:sqlite::memory:"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("in-memory SQLite");
  }

  private static org.sqlite.SQLiteDataSource sqliteDataSource(String url) {
    org.sqlite.SQLiteDataSource ds = new org.sqlite.SQLiteDataSource();
    ds.setUrl(url);
    return ds;
  }

  private static void addFutureVersion(String url) throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.executeUpdate(
          "INSERT INTO "
              + JdbcMigrations.HISTORY_TABLE
              + " (installed_rank, version, description, type, script, checksum, installed_by,"
              + " execution_time, success) VALUES (99, '99', 'from the future', 'SQL',"
              + " 'V99__future.sql', 0, 'test', 0, "
              + (url.startsWith("jdbc:sqlite") ? "1" : "true")
              + ")");
    }
  }

  private static List<String> versions(String url) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT version FROM "
                    + JdbcMigrations.HISTORY_TABLE
                    + " WHERE version IS NOT NULL ORDER BY installed_rank")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private static List<String> tables(String url, String schema) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url);
        ResultSet rs = c.getMetaData().getTables(null, schema, "%", new String[] {"TABLE"})) {
      while (rs.next()) {
        out.add(rs.getString("TABLE_NAME"));
      }
    }
    return out;
  }
}
