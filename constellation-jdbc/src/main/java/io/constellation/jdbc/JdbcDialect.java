package io.constellation.jdbc;

import static java.util.Objects.requireNonNull;

import io.constellation.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * The SQL databases the JDBC stores support. Detected from a JDBC URL ({@link #fromUrl}) or from a
 * {@link DataSource}'s connection metadata ({@link #detect}).
 *
 * <p>Thread-safety: immutable. {@link #detect} blocks while it borrows one connection.
 */
public enum JdbcDialect {
  /** PostgreSQL (pgjdbc driver); safe to share between processes and engines. */
  POSTGRESQL("postgresql"),
  /**
   * SQLite (xerial sqlite-jdbc driver), a single file: one writer at a time, WAL journal; good for
   * one process, tolerable for a few on the same host, never on a network file system.
   */
  SQLITE("sqlite");

  private final String migrationFolder;

  JdbcDialect(String migrationFolder) {
    this.migrationFolder = migrationFolder;
  }

  /** Classpath folder of this dialect's Flyway migrations. */
  String migrationLocation() {
    return "classpath:db/migration/" + migrationFolder;
  }

  /**
   * The dialect of a JDBC URL ({@code jdbc:postgresql:...}, {@code jdbc:sqlite:...}).
   *
   * @throws IllegalArgumentException for any other URL, naming it
   */
  public static JdbcDialect fromUrl(String jdbcUrl) {
    requireNonNull(jdbcUrl, "jdbcUrl");
    String url = jdbcUrl.trim().toLowerCase(Locale.ROOT);
    if (url.startsWith("jdbc:postgresql:")) {
      return POSTGRESQL;
    }
    if (url.startsWith("jdbc:sqlite:")) {
      return SQLITE;
    }
    throw new IllegalArgumentException(
        "unsupported JDBC URL '"
            + redact(jdbcUrl)
            + "': expected jdbc:postgresql://host:port/db or jdbc:sqlite:/path/to/file.db");
  }

  /**
   * The dialect of the database behind {@code dataSource}, from its connection's metadata.
   *
   * @throws StoreException when no connection can be had
   * @throws IllegalArgumentException when the database is neither PostgreSQL nor SQLite
   */
  public static JdbcDialect detect(DataSource dataSource) {
    requireNonNull(dataSource, "dataSource");
    try (Connection c = dataSource.getConnection()) {
      String product = c.getMetaData().getDatabaseProductName();
      String p = product == null ? "" : product.toLowerCase(Locale.ROOT);
      if (p.contains("postgres")) {
        return POSTGRESQL;
      }
      if (p.contains("sqlite")) {
        return SQLITE;
      }
      return fromUrl(c.getMetaData().getURL());
    } catch (SQLException e) {
      throw new StoreException("detecting the database dialect failed: " + e.getMessage(), e);
    }
  }

  /** A URL for messages: everything after '?' is dropped (it may hold a password). */
  static String redact(String jdbcUrl) {
    int q = jdbcUrl.indexOf('?');
    return q < 0 ? jdbcUrl : jdbcUrl.substring(0, q) + "?...";
  }
}
