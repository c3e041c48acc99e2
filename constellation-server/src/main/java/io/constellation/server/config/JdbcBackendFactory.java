package io.constellation.server.config;

import io.constellation.jdbc.JdbcStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/**
 * {@code jdbc:sqlite:FILE} and {@code jdbc:postgresql://host:port/db?user=..&password=..}: the JDBC
 * pipeline and suspension stores. One connection pool per URL is shared by both stores. For SQLite
 * the file's directory is created. The schema is migrated on open, so a reachable but empty
 * database just works; an unreachable one fails the start.
 */
public abstract class JdbcBackendFactory implements BackendFactory {
  @Override
  public Set<BackendKind> kinds() {
    return EnumSet.of(BackendKind.PIPELINE_STORE, BackendKind.SUSPENSION_STORE);
  }

  @Override
  public Object create(BackendKind kind, BackendUri uri, BackendContext context) {
    prepare(uri);
    JdbcStores stores =
        context.shared("jdbc|" + uri.raw(), JdbcStores.class, () -> JdbcStores.open(uri.raw()));
    return kind == BackendKind.PIPELINE_STORE ? stores.pipelines() : stores.suspensions();
  }

  void prepare(BackendUri uri) {}

  /** {@code jdbc:sqlite:}. */
  public static final class Sqlite extends JdbcBackendFactory {
    @Override
    public String scheme() {
      return "jdbc:sqlite";
    }

    @Override
    void prepare(BackendUri uri) {
      String file = uri.rest();
      int q = file.indexOf('?');
      if (q >= 0) {
        file = file.substring(0, q);
      }
      if (file.isBlank() || file.contains(":memory:")) {
        throw new ConfigException(
            "'" + uri.raw() + "': SQLite needs a file (jdbc:sqlite:data/constellation.db)");
      }
      Path parent = Path.of(file).toAbsolutePath().getParent();
      try {
        if (parent != null) {
          Files.createDirectories(parent);
        }
      } catch (IOException e) {
        throw new ConfigException(
            "'" + uri.raw() + "': cannot create directory " + parent + ": " + e.getMessage());
      }
    }

    @Override
    public String describe(BackendKind kind, BackendUri uri) {
      return "SQLite " + uri.rest();
    }
  }

  /** {@code jdbc:postgresql:}. */
  public static final class Postgres extends JdbcBackendFactory {
    @Override
    public String scheme() {
      return "jdbc:postgresql";
    }

    @Override
    public String describe(BackendKind kind, BackendUri uri) {
      return "PostgreSQL " + uri.redacted();
    }
  }
}
