package io.constellation.server.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link BackendContext} of one server start: shared resources, things to close, and the
 * Prometheus scrape if a factory exposed one.
 *
 * <p>Thread-safety: confined to the wiring thread, except {@link #close()}.
 */
public final class Wiring implements BackendContext, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Wiring.class);
  private final Path dataDir;
  private final Deque<AutoCloseable> closeables = new ArrayDeque<>();
  private final Map<String, Object> shared = new LinkedHashMap<>();
  private Supplier<String> prometheus;

  public Wiring(Path dataDir) {
    this.dataDir = requireNonNull(dataDir, "dataDir");
  }

  @Override
  public Path dataDir() {
    return dataDir;
  }

  @Override
  public synchronized void onClose(AutoCloseable resource) {
    closeables.push(requireNonNull(resource, "resource"));
  }

  @Override
  public <T> T shared(String key, Class<T> type, Supplier<? extends T> create) {
    Object existing = shared.get(key);
    if (existing != null) {
      return type.cast(existing);
    }
    T made = requireNonNull(create.get(), "shared resource");
    shared.put(key, made);
    if (made instanceof AutoCloseable c) {
      onClose(c);
    }
    return made;
  }

  @Override
  public void exposePrometheus(Supplier<String> scrape) {
    this.prometheus = requireNonNull(scrape, "scrape");
  }

  /** The Prometheus scrape, when a metrics factory exposed one. */
  public Optional<Supplier<String>> prometheus() {
    return Optional.ofNullable(prometheus);
  }

  /** Closes everything registered, newest first; failures are logged, not thrown. */
  @Override
  public void close() {
    while (true) {
      AutoCloseable c;
      synchronized (this) {
        c = closeables.poll();
      }
      if (c == null) {
        return;
      }
      try {
        c.close();
      } catch (Exception e) {
        log.warn("closing {} failed: {}", c.getClass().getSimpleName(), e.toString());
      }
    }
  }
}
