package io.constellation.jdbc;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.constellation.StoreException;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * A {@link JdbcPipelineStore} and a {@link JdbcSuspensionStore} sharing one HikariCP pool built
 * from a JDBC URL; {@link #close()} closes the pool. Opening migrates the schema.
 *
 * <pre>{@code
 * try (JdbcStores stores = JdbcStores.open("jdbc:postgresql://db:5432/app", "app", secret)) {
 *   Constellation engine = Constellation.builder()
 *       .withPipelineStore(stores.pipelines())
 *       .withSuspensionStore(stores.suspensions())
 *       .build();
 * }
 * }</pre>
 *
 * <p>SQLite URLs ({@code jdbc:sqlite:/path/file.db}) get a pool with foreign keys on, the WAL
 * journal and a busy timeout; {@code :memory:} databases are refused (every pooled connection would
 * see its own empty database).
 *
 * <p>Thread-safety: safe for concurrent use. Failure: {@link #open} throws {@link StoreException}
 * when the database cannot be reached within the connection timeout or its schema is newer than
 * this code.
 */
public final class JdbcStores implements AutoCloseable {
  private final HikariDataSource pool;
  private final JdbcDialect dialect;
  private final JdbcPipelineStore pipelines;
  private final JdbcSuspensionStore suspensions;

  private JdbcStores(HikariDataSource pool, JdbcDialect dialect) {
    this.pool = pool;
    this.dialect = dialect;
    this.pipelines = JdbcPipelineStore.unmigrated(pool, dialect);
    this.suspensions = JdbcSuspensionStore.unmigrated(pool, dialect);
  }

  /** Opens stores on {@code jdbcUrl} (credentials in the URL, or none). */
  public static JdbcStores open(String jdbcUrl) {
    return builder(jdbcUrl).open();
  }

  /** Opens stores on {@code jdbcUrl} with a user name and password. */
  public static JdbcStores open(String jdbcUrl, String user, String password) {
    return builder(jdbcUrl).user(user).password(password).open();
  }

  /** A builder for pool settings beyond the URL. */
  public static Builder builder(String jdbcUrl) {
    return new Builder(jdbcUrl);
  }

  /** The pipeline store on this pool. */
  public JdbcPipelineStore pipelines() {
    return pipelines;
  }

  /** The suspension store on this pool (UTC system clock; see {@code withClock}). */
  public JdbcSuspensionStore suspensions() {
    return suspensions;
  }

  /** The dialect of the URL. */
  public JdbcDialect dialect() {
    return dialect;
  }

  /** The pool, for callers that want to run their own SQL next to the stores. */
  public DataSource dataSource() {
    return pool;
  }

  /** Closes the pool; the stores fail with {@link StoreException} afterwards. */
  @Override
  public void close() {
    pool.close();
  }

  /** Pool settings. Not thread-safe; use from one thread, then {@link #open()}. */
  public static final class Builder {
    private final String jdbcUrl;
    private final JdbcDialect dialect;
    private String user;
    private String password;
    private Duration connectionTimeout = Duration.ofSeconds(10);
    private int maximumPoolSize = 10;

    private Builder(String jdbcUrl) {
      this.jdbcUrl = requireNonNull(jdbcUrl, "jdbcUrl");
      this.dialect = JdbcDialect.fromUrl(jdbcUrl);
      if (dialect == JdbcDialect.SQLITE && jdbcUrl.contains(":memory:")) {
        throw new IllegalArgumentException(
            "jdbcUrl: in-memory SQLite ('" + jdbcUrl + "') cannot back a store; use a file path");
      }
    }

    /** The user name (or put it in the URL). */
    public Builder user(String user) {
      this.user = user;
      return this;
    }

    /** The password (or put it in the URL; it never appears in error messages). */
    public Builder password(String password) {
      this.password = password;
      return this;
    }

    /** How long a call waits for a connection before failing (default 10 s, minimum 250 ms). */
    public Builder connectionTimeout(Duration timeout) {
      requireNonNull(timeout, "timeout");
      if (timeout.toMillis() < 250) {
        throw new IllegalArgumentException("connectionTimeout must be at least 250 ms: " + timeout);
      }
      this.connectionTimeout = timeout;
      return this;
    }

    /** The most connections the pool opens (default 10; SQLite: 4 is plenty). */
    public Builder maximumPoolSize(int size) {
      if (size < 1) {
        throw new IllegalArgumentException("maximumPoolSize must be at least 1: " + size);
      }
      this.maximumPoolSize = size;
      return this;
    }

    /**
     * Builds the pool, migrates the schema and returns the stores.
     *
     * @throws StoreException when the database is unreachable or its schema is too new
     */
    public JdbcStores open() {
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(jdbcUrl);
      if (user != null) {
        config.setUsername(user);
      }
      if (password != null) {
        config.setPassword(password);
      }
      config.setPoolName("constellation-jdbc");
      config.setConnectionTimeout(connectionTimeout.toMillis());
      config.setValidationTimeout(Math.min(connectionTimeout.toMillis(), 5_000));
      config.setMaximumPoolSize(maximumPoolSize);
      config.setMinimumIdle(Math.min(2, maximumPoolSize));
      // Fail open() on an unreachable database instead of handing out a pool that never works.
      config.setInitializationFailTimeout(connectionTimeout.toMillis());
      if (dialect == JdbcDialect.SQLITE) {
        config.addDataSourceProperty("foreign_keys", "true");
        config.addDataSourceProperty("journal_mode", "WAL");
        config.addDataSourceProperty("busy_timeout", String.valueOf(Db.SQLITE_BUSY_TIMEOUT_MS));
      }
      HikariDataSource pool;
      try {
        pool = new HikariDataSource(config);
      } catch (RuntimeException e) {
        throw new StoreException(
            "opening the connection pool for "
                + JdbcDialect.redact(jdbcUrl)
                + " failed: "
                + e.getMessage(),
            e);
      }
      try {
        JdbcMigrations.migrate(pool, dialect);
        return new JdbcStores(pool, dialect);
      } catch (RuntimeException e) {
        pool.close();
        throw e;
      }
    }
  }
}
