package io.constellation.jdbc;

import static java.util.Objects.requireNonNull;

import io.constellation.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;

/**
 * Connection handling shared by the JDBC stores: reads in auto-commit, writes in one transaction
 * each, every {@link SQLException} turned into a {@link StoreException} naming the operation.
 *
 * <p>SQLite allows one writer per file: writes to the same file are serialized in this JVM with a
 * {@link ReentrantLock} (shared by every store on that file), and each write transaction starts
 * with {@code BEGIN IMMEDIATE} and waits up to the busy timeout for writers in other processes.
 *
 * <p>Thread-safety: safe for concurrent use. Blocks on the pool and the database.
 */
final class Db {
  /** How long an SQLite connection waits for another process's write lock. */
  static final int SQLITE_BUSY_TIMEOUT_MS = 5_000;

  private static final Map<String, ReentrantLock> SQLITE_WRITE_LOCKS = new ConcurrentHashMap<>();

  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private final DataSource dataSource;
  private final JdbcDialect dialect;
  private final String storeName;
  private final ReentrantLock writeLock;

  Db(DataSource dataSource, JdbcDialect dialect, String storeName) {
    this.dataSource = requireNonNull(dataSource, "dataSource");
    this.dialect = requireNonNull(dialect, "dialect");
    this.storeName = requireNonNull(storeName, "storeName");
    this.writeLock = dialect == JdbcDialect.SQLITE ? sqliteLockFor(dataSource) : null;
  }

  JdbcDialect dialect() {
    return dialect;
  }

  /** Runs {@code work} on a connection in auto-commit mode (one statement, or reads only). */
  <T> T read(String operation, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      prepare(c);
      return work.run(c);
    } catch (SQLException e) {
      throw failure(operation, e);
    }
  }

  /** Runs {@code work} in one transaction: all of it commits, or none of it. */
  <T> T write(String operation, Work<T> work) {
    if (writeLock != null) {
      writeLock.lock();
    }
    try (Connection c = dataSource.getConnection()) {
      prepare(c);
      if (dialect == JdbcDialect.SQLITE) {
        sqlite(c).getConnectionConfig().setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
      }
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        rollbackQuietly(c, e);
        throw e;
      } finally {
        // sqlite-jdbc re-opens a transaction right after commit while auto-commit is off; end it
        // before the connection goes back to the pool so it holds no lock there.
        resetQuietly(c);
      }
    } catch (SQLException e) {
      throw failure(operation, e);
    } finally {
      if (writeLock != null) {
        writeLock.unlock();
      }
    }
  }

  StoreException failure(String operation, Exception e) {
    return new StoreException(storeName + "." + operation + " failed: " + e.getMessage(), e);
  }

  private void prepare(Connection c) throws SQLException {
    if (dialect == JdbcDialect.SQLITE) {
      SQLiteConnection s = sqlite(c);
      if (s.getBusyTimeout() < SQLITE_BUSY_TIMEOUT_MS) {
        s.setBusyTimeout(SQLITE_BUSY_TIMEOUT_MS);
      }
    }
  }

  private static SQLiteConnection sqlite(Connection c) throws SQLException {
    return c.unwrap(SQLiteConnection.class);
  }

  private static void rollbackQuietly(Connection c, Throwable primary) {
    try {
      c.rollback();
    } catch (SQLException | RuntimeException r) {
      primary.addSuppressed(r);
    }
  }

  private static void resetQuietly(Connection c) {
    try {
      if (!c.isClosed()) {
        c.setAutoCommit(true);
      }
    } catch (SQLException | RuntimeException ignored) {
      // the pool validates or evicts a broken connection itself
    }
  }

  /** One lock per SQLite file, keyed by the connection URL. */
  private static ReentrantLock sqliteLockFor(DataSource dataSource) {
    String url;
    try (Connection c = dataSource.getConnection()) {
      url = c.getMetaData().getURL();
    } catch (SQLException e) {
      throw new StoreException("opening the SQLite database failed: " + e.getMessage(), e);
    }
    return SQLITE_WRITE_LOCKS.computeIfAbsent(url, u -> new ReentrantLock());
  }

  // ---- instants: BIGINT epoch nanoseconds ----

  static long nanos(Instant instant, String field) {
    try {
      return Math.addExact(
          Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          field + " " + instant + " is outside what the JDBC store can hold (years 1678..2261)");
    }
  }

  static Instant instant(long epochNanos) {
    return Instant.ofEpochSecond(
        Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L));
  }
}
