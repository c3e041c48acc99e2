package io.constellation.server.cli;

import io.constellation.Constellation;
import io.constellation.ConstellationImpl;
import io.constellation.jdbc.JdbcStores;
import io.constellation.server.Modules;
import io.constellation.server.config.ConfigException;
import io.constellation.server.config.ServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * An engine for {@code run}, {@code compile} and local {@code resume}: the built-in modules, an
 * in-memory cache, and either in-memory stores or the SQLite stores of a data directory (the same
 * file {@code serve} uses by default).
 */
final class LocalEngine implements AutoCloseable {
  final Constellation engine;
  final Progress progress;
  private final Optional<JdbcStores> stores;

  private LocalEngine(Constellation engine, Progress progress, Optional<JdbcStores> stores) {
    this.engine = engine;
    this.progress = progress;
    this.stores = stores;
  }

  static LocalEngine open(Optional<Path> dataDir) {
    Progress progress = new Progress();
    ConstellationImpl.Builder b = ConstellationImpl.builder().withListener(progress);
    Optional<JdbcStores> stores = Optional.empty();
    if (dataDir.isPresent()) {
      try {
        Files.createDirectories(dataDir.get());
      } catch (IOException e) {
        throw new ConfigException("cannot create " + dataDir.get() + ": " + e.getMessage());
      }
      JdbcStores s = JdbcStores.open(ServerConfig.sqliteUri(dataDir.get()));
      b.withPipelineStore(s.pipelines()).withSuspensionStore(s.suspensions());
      stores = Optional.of(s);
    }
    Constellation engine = b.build();
    Modules.installDefaults(engine);
    return new LocalEngine(engine, progress, stores);
  }

  @Override
  public void close() {
    engine.shutdown(Duration.ofSeconds(5));
    stores.ifPresent(JdbcStores::close);
  }
}
