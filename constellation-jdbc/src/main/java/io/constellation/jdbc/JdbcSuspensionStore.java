package io.constellation.jdbc;

import static java.util.Objects.requireNonNull;

import io.constellation.ClaimLostException;
import io.constellation.ConstellationException;
import io.constellation.StoreException;
import io.constellation.SuspensionStore;
import io.constellation.suspension.ResumeClaim;
import io.constellation.suspension.SuspendedExecution;
import io.constellation.suspension.SuspensionFilter;
import io.constellation.suspension.SuspensionHandle;
import io.constellation.suspension.SuspensionSummary;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * A {@link SuspensionStore} in a PostgreSQL or SQLite database (table {@code suspensions}; see
 * {@code docs/adapters-jdbc.md}). The full snapshot is stored as {@code SuspensionCodec} JSON next
 * to the summary columns that {@link #list} filters on.
 *
 * <p><b>Claims:</b> {@link #claim} is one conditional {@code UPDATE} that succeeds only when the
 * row has no live claim, so at most one caller across every process sharing the database wins; a
 * claim expires after its lease (time from this store's {@link Clock}, see {@link #withClock}).
 * {@link #release} clears the claim only while its token still matches (fencing). {@link #renew}
 * and the claim-taking {@link #replace(SuspensionHandle, SuspendedExecution, ResumeClaim)} / {@link
 * #delete(SuspensionHandle, ResumeClaim)} are single conditional statements on the handle, the
 * token and an unexpired lease, so a resumer whose lease expired cannot renew or write, whether or
 * not someone else has claimed the suspension since (they throw {@link ClaimLostException}).
 *
 * <p><b>Thread-safety:</b> safe for concurrent use, and for several processes sharing one database.
 *
 * <p><b>Blocking:</b> every method blocks on the database (up to the pool's connection timeout when
 * it is down).
 *
 * <p><b>Failure:</b> every database failure is a {@link StoreException} naming the operation, with
 * the driver's exception as cause; each write is one statement or one transaction, so nothing is
 * half written.
 */
public final class JdbcSuspensionStore implements SuspensionStore {
  private static final String SUMMARY_COLUMNS =
      "handle, execution_id, structural_hash, resumption_count, missing_inputs, created_at,"
          + " last_resumed_at";

  private final Db db;
  private final Clock clock;

  private JdbcSuspensionStore(Db db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /**
   * A store on {@code dataSource}; detects the dialect and migrates the schema first. Claim leases
   * use the UTC system clock.
   *
   * @throws StoreException when the database is unreachable or its schema is newer than this code
   */
  public static JdbcSuspensionStore create(DataSource dataSource) {
    requireNonNull(dataSource, "dataSource");
    JdbcDialect dialect = JdbcDialect.detect(dataSource);
    JdbcMigrations.migrate(dataSource, dialect);
    return unmigrated(dataSource, dialect);
  }

  /** A store on an already migrated database (used by {@link JdbcStores}). */
  static JdbcSuspensionStore unmigrated(DataSource dataSource, JdbcDialect dialect) {
    return new JdbcSuspensionStore(
        new Db(dataSource, dialect, "JdbcSuspensionStore"), Clock.systemUTC());
  }

  /** The same store (same database) reading claim time from {@code clock}. */
  public JdbcSuspensionStore withClock(Clock clock) {
    return new JdbcSuspensionStore(db, requireNonNull(clock, "clock"));
  }

  /** The dialect of the database behind this store. */
  public JdbcDialect dialect() {
    return db.dialect();
  }

  @Override
  public SuspensionHandle save(SuspendedExecution execution) {
    requireNonNull(execution, "execution");
    SuspensionHandle handle = new SuspensionHandle(UUID.randomUUID().toString());
    Row row = Row.of(execution);
    db.write(
        "save",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO suspensions (handle, execution_id, structural_hash,"
                      + " resumption_count, missing_inputs, created_at, last_resumed_at, json)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, handle.id());
            row.bind(ps, 2);
            ps.executeUpdate();
          }
          return null;
        });
    return handle;
  }

  /**
   * Replaces the suspension under {@code handle} in one statement (inserting it when absent); a
   * claim on it is kept, so the resumer that holds it can still release it.
   */
  @Override
  public SuspensionHandle replace(SuspensionHandle handle, SuspendedExecution execution) {
    requireNonNull(handle, "handle");
    requireNonNull(execution, "execution");
    Row row = Row.of(execution);
    db.write(
        "replace",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO suspensions (handle, execution_id, structural_hash,"
                      + " resumption_count, missing_inputs, created_at, last_resumed_at, json)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (handle) DO UPDATE SET"
                      + " execution_id = excluded.execution_id,"
                      + " structural_hash = excluded.structural_hash,"
                      + " resumption_count = excluded.resumption_count,"
                      + " missing_inputs = excluded.missing_inputs,"
                      + " created_at = excluded.created_at,"
                      + " last_resumed_at = excluded.last_resumed_at,"
                      + " json = excluded.json")) {
            ps.setString(1, handle.id());
            row.bind(ps, 2);
            ps.executeUpdate();
          }
          return null;
        });
    return handle;
  }

  @Override
  public Optional<SuspendedExecution> load(SuspensionHandle handle) {
    requireNonNull(handle, "handle");
    Optional<String> json =
        db.read(
            "load",
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement("SELECT json FROM suspensions WHERE handle = ?")) {
                ps.setString(1, handle.id());
                try (ResultSet rs = ps.executeQuery()) {
                  return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
              }
            });
    return json.map(
        j -> {
          try {
            return Serde.suspensionFromJson(j);
          } catch (ConstellationException | IllegalArgumentException e) {
            throw new StoreException(
                "JdbcSuspensionStore.load failed: the suspension "
                    + handle
                    + " cannot be read: "
                    + e.getMessage(),
                e);
          }
        });
  }

  @Override
  public boolean delete(SuspensionHandle handle) {
    requireNonNull(handle, "handle");
    return db.write(
        "delete",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("DELETE FROM suspensions WHERE handle = ?")) {
            ps.setString(1, handle.id());
            return ps.executeUpdate() > 0;
          }
        });
  }

  @Override
  public List<SuspensionSummary> list(SuspensionFilter filter) {
    requireNonNull(filter, "filter");
    StringBuilder sql =
        new StringBuilder("SELECT ").append(SUMMARY_COLUMNS).append(" FROM suspensions WHERE 1=1");
    List<Object> args = new ArrayList<>();
    filter
        .structuralHash()
        .ifPresent(
            h -> {
              sql.append(" AND structural_hash = ?");
              args.add(h);
            });
    filter
        .executionId()
        .ifPresent(
            id -> {
              sql.append(" AND execution_id = ?");
              args.add(id.toString());
            });
    filter
        .minResumptionCount()
        .ifPresent(
            min -> {
              sql.append(" AND resumption_count >= ?");
              args.add(min);
            });
    filter
        .maxResumptionCount()
        .ifPresent(
            max -> {
              sql.append(" AND resumption_count <= ?");
              args.add(max);
            });
    sql.append(" ORDER BY created_at, handle");
    List<RawSummary> rows =
        db.read(
            "list",
            c -> {
              List<RawSummary> out = new ArrayList<>();
              try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                  ps.setObject(i + 1, args.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                  while (rs.next()) {
                    long last = rs.getLong(7);
                    boolean hasLast = !rs.wasNull();
                    out.add(
                        new RawSummary(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getInt(4),
                            rs.getString(5),
                            rs.getLong(6),
                            hasLast ? last : null));
                  }
                }
              }
              return out;
            });
    List<SuspensionSummary> out = new ArrayList<>(rows.size());
    for (RawSummary r : rows) {
      out.add(r.toSummary());
    }
    return Collections.unmodifiableList(out);
  }

  @Override
  public Optional<ResumeClaim> claim(SuspensionHandle handle, Duration lease) {
    requireNonNull(handle, "handle");
    requireNonNull(lease, "lease");
    if (lease.isNegative() || lease.isZero()) {
      throw new IllegalArgumentException("lease must be positive, was " + lease);
    }
    Instant now = clock.instant();
    Instant expiresAt = now.plus(lease);
    String token = UUID.randomUUID().toString();
    int won =
        db.write(
            "claim",
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "UPDATE suspensions SET claim_token = ?, claim_expires_at = ?"
                          + " WHERE handle = ?"
                          + " AND (claim_token IS NULL OR claim_expires_at <= ?)")) {
                ps.setString(1, token);
                ps.setLong(2, Db.nanos(expiresAt, "claim expiry"));
                ps.setString(3, handle.id());
                ps.setLong(4, Db.nanos(now, "now"));
                return ps.executeUpdate();
              }
            });
    return won == 1 ? Optional.of(new ResumeClaim(handle, token, expiresAt)) : Optional.empty();
  }

  @Override
  public void release(ResumeClaim claim) {
    requireNonNull(claim, "claim");
    db.write(
        "release",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE suspensions SET claim_token = NULL, claim_expires_at = NULL"
                      + " WHERE handle = ? AND claim_token = ?")) {
            ps.setString(1, claim.handle().id());
            ps.setString(2, claim.token());
            return ps.executeUpdate();
          }
        });
  }

  /**
   * Extends a live claim with one conditional {@code UPDATE} of {@code claim_expires_at} (matching
   * the handle, the token and an unexpired lease by this store's clock); empty when nothing
   * matched.
   */
  @Override
  public Optional<ResumeClaim> renew(ResumeClaim claim, Duration lease) {
    requireNonNull(claim, "claim");
    requireNonNull(lease, "lease");
    if (lease.isNegative() || lease.isZero()) {
      throw new IllegalArgumentException("lease must be positive, was " + lease);
    }
    Instant now = clock.instant();
    Instant expiresAt = now.plus(lease);
    int renewed =
        db.write(
            "renew",
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "UPDATE suspensions SET claim_expires_at = ?"
                          + " WHERE handle = ? AND claim_token = ? AND claim_expires_at > ?")) {
                ps.setLong(1, Db.nanos(expiresAt, "claim expiry"));
                ps.setString(2, claim.handle().id());
                ps.setString(3, claim.token());
                ps.setLong(4, Db.nanos(now, "now"));
                return ps.executeUpdate();
              }
            });
    return renewed == 1
        ? Optional.of(new ResumeClaim(claim.handle(), claim.token(), expiresAt))
        : Optional.empty();
  }

  /**
   * Replaces the suspension with one conditional {@code UPDATE ... WHERE handle = ? AND claim_token
   * = ? AND claim_expires_at > now}; the claim is kept.
   */
  @Override
  public SuspensionHandle replace(
      SuspensionHandle handle, SuspendedExecution execution, ResumeClaim claim) {
    requireNonNull(handle, "handle");
    requireNonNull(execution, "execution");
    requireSameHandle(handle, claim);
    Row row = Row.of(execution);
    long now = Db.nanos(clock.instant(), "now");
    int written =
        db.write(
            "replace",
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "UPDATE suspensions SET execution_id = ?, structural_hash = ?,"
                          + " resumption_count = ?, missing_inputs = ?, created_at = ?,"
                          + " last_resumed_at = ?, json = ?"
                          + " WHERE handle = ? AND claim_token = ? AND claim_expires_at > ?")) {
                row.bind(ps, 1);
                ps.setString(8, handle.id());
                ps.setString(9, claim.token());
                ps.setLong(10, now);
                return ps.executeUpdate();
              }
            });
    if (written != 1) {
      throw new ClaimLostException(handle);
    }
    return handle;
  }

  /**
   * Deletes the suspension (and its claim) with one conditional {@code DELETE ... WHERE handle = ?
   * AND claim_token = ? AND claim_expires_at > now}. The claim lives in the suspension's row, so a
   * live claim implies the suspension existed: this returns {@code true} or throws.
   */
  @Override
  public boolean delete(SuspensionHandle handle, ResumeClaim claim) {
    requireNonNull(handle, "handle");
    requireSameHandle(handle, claim);
    long now = Db.nanos(clock.instant(), "now");
    int deleted =
        db.write(
            "delete",
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "DELETE FROM suspensions"
                          + " WHERE handle = ? AND claim_token = ? AND claim_expires_at > ?")) {
                ps.setString(1, handle.id());
                ps.setString(2, claim.token());
                ps.setLong(3, now);
                return ps.executeUpdate();
              }
            });
    if (deleted != 1) {
      throw new ClaimLostException(handle);
    }
    return true;
  }

  private static void requireSameHandle(SuspensionHandle handle, ResumeClaim claim) {
    requireNonNull(claim, "claim");
    if (!claim.handle().equals(handle)) {
      throw new IllegalArgumentException(
          "the claim is on '" + claim.handle() + "', not on '" + handle + "'");
    }
  }

  /** The column values of one suspension, computed before any connection is borrowed. */
  private record Row(
      String executionId,
      String structuralHash,
      int resumptionCount,
      String missingInputs,
      long createdAt,
      Long lastResumedAt,
      String json) {
    static Row of(SuspendedExecution e) {
      return new Row(
          e.executionId().toString(),
          e.structuralHash(),
          e.resumptionCount(),
          Serde.typesToJson(e.missingInputs()),
          Db.nanos(e.createdAt(), "createdAt"),
          e.lastResumedAt().map(t -> Db.nanos(t, "lastResumedAt")).orElse(null),
          Serde.suspensionToJson(e));
    }

    void bind(PreparedStatement ps, int first) throws SQLException {
      ps.setString(first, executionId);
      ps.setString(first + 1, structuralHash);
      ps.setInt(first + 2, resumptionCount);
      ps.setString(first + 3, missingInputs);
      ps.setLong(first + 4, createdAt);
      if (lastResumedAt == null) {
        ps.setNull(first + 5, Types.BIGINT);
      } else {
        ps.setLong(first + 5, lastResumedAt);
      }
      ps.setString(first + 6, json);
    }
  }

  private record RawSummary(
      String handle,
      String executionId,
      String structuralHash,
      int resumptionCount,
      String missingInputs,
      long createdAt,
      Long lastResumedAt) {
    SuspensionSummary toSummary() {
      try {
        return new SuspensionSummary(
            new SuspensionHandle(handle),
            UUID.fromString(executionId),
            structuralHash,
            resumptionCount,
            Serde.typesFromJson(missingInputs),
            Db.instant(createdAt),
            Optional.ofNullable(lastResumedAt).map(Db::instant));
      } catch (ConstellationException | IllegalArgumentException e) {
        throw new StoreException(
            "JdbcSuspensionStore.list failed: the suspension "
                + handle
                + " cannot be read: "
                + e.getMessage(),
            e);
      }
    }
  }
}
