package io.constellation.jdbc;

import static java.util.Objects.requireNonNull;

import io.constellation.ConstellationException;
import io.constellation.PipelineNotFoundException;
import io.constellation.PipelineStore;
import io.constellation.StoreException;
import io.constellation.pipeline.PipelineImage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A {@link PipelineStore} in a PostgreSQL or SQLite database (tables {@code pipelines}, {@code
 * aliases}, {@code syntactic_index}; see {@code docs/adapters-jdbc.md}). Images are stored as
 * {@code PipelineImageCodec} JSON.
 *
 * <p><b>Thread-safety:</b> safe for concurrent use, and for several processes sharing one
 * PostgreSQL database.
 *
 * <p><b>Blocking:</b> every method borrows a connection and blocks on the database (up to the
 * pool's connection timeout when the database is down).
 *
 * <p><b>Failure:</b> every database failure is a {@link StoreException} naming the operation, with
 * the driver's exception as cause. Writes run in one transaction each, so a failed call leaves the
 * store as it was.
 */
public final class JdbcPipelineStore implements PipelineStore {
  private final Db db;

  private JdbcPipelineStore(Db db) {
    this.db = db;
  }

  /**
   * A store on {@code dataSource}; detects the dialect and migrates the schema first.
   *
   * @throws StoreException when the database is unreachable or its schema is newer than this code
   */
  public static JdbcPipelineStore create(DataSource dataSource) {
    requireNonNull(dataSource, "dataSource");
    JdbcDialect dialect = JdbcDialect.detect(dataSource);
    JdbcMigrations.migrate(dataSource, dialect);
    return new JdbcPipelineStore(new Db(dataSource, dialect, "JdbcPipelineStore"));
  }

  /** A store on an already migrated database (used by {@link JdbcStores}). */
  static JdbcPipelineStore unmigrated(DataSource dataSource, JdbcDialect dialect) {
    return new JdbcPipelineStore(new Db(dataSource, dialect, "JdbcPipelineStore"));
  }

  /** The dialect of the database behind this store. */
  public JdbcDialect dialect() {
    return db.dialect();
  }

  @Override
  public String store(PipelineImage image) {
    requireNonNull(image, "image");
    String json = Serde.imageToJson(image);
    db.write(
        "store",
        c -> {
          insertImage(c, image, json);
          return null;
        });
    return image.structuralHash();
  }

  /**
   * Stores {@code image} and points alias {@code name} at it, in one transaction: afterwards both
   * are there, or (on failure) neither changed.
   *
   * @return the structural hash
   */
  public String storeAndAlias(PipelineImage image, String name) {
    requireNonNull(image, "image");
    requireNonNull(name, "name");
    String json = Serde.imageToJson(image);
    db.write(
        "storeAndAlias",
        c -> {
          insertImage(c, image, json);
          upsertAlias(c, name, image.structuralHash());
          return null;
        });
    return image.structuralHash();
  }

  @Override
  public void alias(String name, String structuralHash) {
    requireNonNull(name, "name");
    requireNonNull(structuralHash, "structuralHash");
    boolean found =
        db.write(
            "alias",
            c -> {
              // PostgreSQL: FOR KEY SHARE holds off a concurrent remove of the image until this
              // commits (its cascade then deletes the alias). SQLite: writes are serialized.
              if (!exists(c, structuralHash, db.dialect() == JdbcDialect.POSTGRESQL)) {
                return false;
              }
              upsertAlias(c, name, structuralHash);
              return true;
            });
    if (!found) {
      throw new PipelineNotFoundException(
          "cannot alias '" + name + "': no pipeline stored under " + structuralHash);
    }
  }

  @Override
  public Optional<String> resolve(String name) {
    requireNonNull(name, "name");
    return db.read(
        "resolve",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT structural_hash FROM aliases WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
          }
        });
  }

  @Override
  public Map<String, String> listAliases() {
    return db.read(
        "listAliases",
        c -> {
          Map<String, String> out = new LinkedHashMap<>();
          try (PreparedStatement ps =
                  c.prepareStatement("SELECT name, structural_hash FROM aliases ORDER BY name");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.put(rs.getString(1), rs.getString(2));
            }
          }
          return Collections.unmodifiableMap(out);
        });
  }

  @Override
  public Optional<PipelineImage> get(String structuralHash) {
    requireNonNull(structuralHash, "structuralHash");
    Optional<String> json =
        db.read(
            "get",
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement("SELECT json FROM pipelines WHERE structural_hash = ?")) {
                ps.setString(1, structuralHash);
                try (ResultSet rs = ps.executeQuery()) {
                  return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
              }
            });
    return json.map(j -> decode(j, structuralHash, "get"));
  }

  @Override
  public Optional<PipelineImage> getByName(String name) {
    requireNonNull(name, "name");
    Optional<String[]> row =
        db.read(
            "getByName",
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT p.structural_hash, p.json FROM aliases a"
                          + " JOIN pipelines p ON p.structural_hash = a.structural_hash"
                          + " WHERE a.name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                  return rs.next()
                      ? Optional.of(new String[] {rs.getString(1), rs.getString(2)})
                      : Optional.empty();
                }
              }
            });
    return row.map(r -> decode(r[1], r[0], "getByName"));
  }

  @Override
  public void indexSyntactic(String syntacticHash, String registryHash, String structuralHash) {
    requireNonNull(syntacticHash, "syntacticHash");
    requireNonNull(registryHash, "registryHash");
    requireNonNull(structuralHash, "structuralHash");
    db.write(
        "indexSyntactic",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO syntactic_index (syntactic_hash, registry_hash, structural_hash)"
                      + " VALUES (?, ?, ?) ON CONFLICT (syntactic_hash, registry_hash)"
                      + " DO UPDATE SET structural_hash = excluded.structural_hash")) {
            ps.setString(1, syntacticHash);
            ps.setString(2, registryHash);
            ps.setString(3, structuralHash);
            ps.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public Optional<String> lookupSyntactic(String syntacticHash, String registryHash) {
    requireNonNull(syntacticHash, "syntacticHash");
    requireNonNull(registryHash, "registryHash");
    return db.read(
        "lookupSyntactic",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT structural_hash FROM syntactic_index"
                      + " WHERE syntactic_hash = ? AND registry_hash = ?")) {
            ps.setString(1, syntacticHash);
            ps.setString(2, registryHash);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
          }
        });
  }

  @Override
  public List<PipelineImage> listImages() {
    List<String[]> rows =
        db.read(
            "listImages",
            c -> {
              List<String[]> out = new ArrayList<>();
              try (PreparedStatement ps =
                      c.prepareStatement(
                          "SELECT structural_hash, json FROM pipelines ORDER BY structural_hash");
                  ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                  out.add(new String[] {rs.getString(1), rs.getString(2)});
                }
              }
              return out;
            });
    List<PipelineImage> images = new ArrayList<>(rows.size());
    for (String[] r : rows) {
      images.add(decode(r[1], r[0], "listImages"));
    }
    return Collections.unmodifiableList(images);
  }

  @Override
  public boolean remove(String structuralHash) {
    requireNonNull(structuralHash, "structuralHash");
    return db.write(
        "remove",
        c -> {
          // Explicit deletes (not only ON DELETE CASCADE): SQLite enforces foreign keys only on
          // connections that enabled them, and the syntactic index has no foreign key.
          delete(c, "DELETE FROM aliases WHERE structural_hash = ?", structuralHash);
          delete(c, "DELETE FROM syntactic_index WHERE structural_hash = ?", structuralHash);
          return delete(c, "DELETE FROM pipelines WHERE structural_hash = ?", structuralHash) > 0;
        });
  }

  private static void insertImage(Connection c, PipelineImage image, String json)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO pipelines (structural_hash, name, json, compiled_at) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (structural_hash) DO NOTHING")) {
      ps.setString(1, image.structuralHash());
      ps.setString(2, image.name());
      ps.setString(3, json);
      ps.setLong(4, Db.nanos(image.compiledAt(), "compiledAt"));
      ps.executeUpdate();
    }
  }

  private static void upsertAlias(Connection c, String name, String structuralHash)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO aliases (name, structural_hash) VALUES (?, ?)"
                + " ON CONFLICT (name) DO UPDATE SET structural_hash = excluded.structural_hash")) {
      ps.setString(1, name);
      ps.setString(2, structuralHash);
      ps.executeUpdate();
    }
  }

  private static boolean exists(Connection c, String structuralHash, boolean lock)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT 1 FROM pipelines WHERE structural_hash = ?" + (lock ? " FOR KEY SHARE" : ""))) {
      ps.setString(1, structuralHash);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static int delete(Connection c, String sql, String structuralHash) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, structuralHash);
      return ps.executeUpdate();
    }
  }

  private PipelineImage decode(String json, String structuralHash, String operation) {
    try {
      return Serde.imageFromJson(json);
    } catch (ConstellationException | IllegalArgumentException e) {
      throw new StoreException(
          "JdbcPipelineStore."
              + operation
              + " failed: the pipeline stored under "
              + structuralHash
              + " cannot be read: "
              + e.getMessage(),
          e);
    }
  }
}
