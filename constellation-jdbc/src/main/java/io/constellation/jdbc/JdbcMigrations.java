package io.constellation.jdbc;

import static java.util.Objects.requireNonNull;

import io.constellation.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;

/**
 * Brings a database's store schema up to date with Flyway (scripts under {@code
 * db/migration/<dialect>/}); the history table is {@value #HISTORY_TABLE}, so it does not collide
 * with an application's own Flyway history in the same schema.
 *
 * <p>Idempotent: running it on an up-to-date database changes nothing. Concurrent runs against
 * PostgreSQL are serialized by Flyway's advisory lock.
 *
 * <p>Thread-safety: stateless. Blocks on the database.
 */
public final class JdbcMigrations {
  /** The Flyway schema history table. */
  public static final String HISTORY_TABLE = "constellation_schema_history";

  private JdbcMigrations() {}

  /**
   * Migrates the schema reached through {@code dataSource} (its current schema) to the newest
   * version this code knows. SQLite files are also switched to the WAL journal.
   *
   * @return the schema version after migrating
   * @throws StoreException when the database is unreachable, a migration fails, or the schema is
   *     newer than this code (written by a later release): the message names both versions
   */
  public static String migrate(DataSource dataSource, JdbcDialect dialect) {
    requireNonNull(dataSource, "dataSource");
    requireNonNull(dialect, "dialect");
    try {
      if (dialect == JdbcDialect.SQLITE) {
        enableWal(dataSource);
      }
      Flyway flyway =
          Flyway.configure(JdbcMigrations.class.getClassLoader())
              .dataSource(dataSource)
              .locations(dialect.migrationLocation())
              .table(HISTORY_TABLE)
              .failOnMissingLocations(true)
              .cleanDisabled(true)
              .load();
      refuseFutureSchema(flyway);
      flyway.migrate();
      MigrationInfo current = flyway.info().current();
      return current == null ? "0" : current.getVersion().getVersion();
    } catch (FlywayException e) {
      throw new StoreException(
          "migrating the " + dialect + " store schema failed: " + e.getMessage(), e);
    }
  }

  /** The newest schema version this code knows for {@code dialect}. */
  public static String latestKnownVersion(JdbcDialect dialect) {
    MigrationInfo[] all =
        Flyway.configure(JdbcMigrations.class.getClassLoader())
            .locations(dialect.migrationLocation())
            .load()
            .info()
            .all();
    return all.length == 0 ? "0" : all[all.length - 1].getVersion().getVersion();
  }

  private static void refuseFutureSchema(Flyway flyway) {
    List<String> future = new ArrayList<>();
    for (MigrationInfo m : flyway.info().applied()) {
      if (m.getState() == MigrationState.FUTURE_SUCCESS
          || m.getState() == MigrationState.FUTURE_FAILED) {
        future.add(m.getVersion().getVersion());
      }
    }
    if (!future.isEmpty()) {
      MigrationInfo[] all = flyway.info().all();
      String known = "0";
      for (MigrationInfo m : all) {
        if (m.getState() != MigrationState.FUTURE_SUCCESS
            && m.getState() != MigrationState.FUTURE_FAILED
            && m.getVersion() != null) {
          known = m.getVersion().getVersion();
        }
      }
      throw new StoreException(
          "the database's store schema is at version "
              + future.get(future.size() - 1)
              + " (table "
              + HISTORY_TABLE
              + "), newer than version "
              + known
              + " that this constellation-jdbc knows: upgrade constellation-jdbc, or point it at"
              + " another database");
    }
  }

  private static void enableWal(DataSource dataSource) {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute("PRAGMA journal_mode=WAL");
    } catch (SQLException e) {
      throw new StoreException("opening the SQLite store failed: " + e.getMessage(), e);
    }
  }
}
