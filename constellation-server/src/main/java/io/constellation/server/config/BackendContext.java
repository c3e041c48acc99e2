package io.constellation.server.config;

import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * What the server offers a {@link BackendFactory} while wiring.
 *
 * <p>Thread-safety: used from the wiring thread only.
 */
public interface BackendContext {
  /** The server's data directory (default {@code ./data}); factories may create files in it. */
  Path dataDir();

  /** Closes {@code resource} when the server stops (in reverse order of registration). */
  void onClose(AutoCloseable resource);

  /**
   * One object per {@code key} for the whole wiring: the first call creates it, later calls get the
   * same one (e.g. one connection pool for a database used as both pipeline and suspension store).
   * An {@link AutoCloseable} result is closed when the server stops.
   */
  <T> T shared(String key, Class<T> type, Supplier<? extends T> create);

  /** Serves {@code scrape} (Prometheus text format) at {@code GET /metrics}. */
  void exposePrometheus(Supplier<String> scrape);
}
