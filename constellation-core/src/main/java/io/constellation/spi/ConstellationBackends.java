package io.constellation.spi;

import static java.util.Objects.requireNonNull;

import io.constellation.cache.CacheBackend;
import io.constellation.cache.InMemoryCacheBackend;

/**
 * The pluggable backends wired into an engine at startup, as one value.
 *
 * @param metrics metrics sink
 * @param tracer tracer
 * @param listener execution listener (may be a composite)
 * @param cache default module-result cache
 */
public record ConstellationBackends(
    MetricsProvider metrics,
    TracerProvider tracer,
    ExecutionListener listener,
    CacheBackend cache) {
  public ConstellationBackends {
    requireNonNull(metrics, "metrics");
    requireNonNull(tracer, "tracer");
    requireNonNull(listener, "listener");
    requireNonNull(cache, "cache");
  }

  /** Noop metrics, tracer and listener, and a fresh {@link InMemoryCacheBackend}. */
  public static ConstellationBackends defaults() {
    return new ConstellationBackends(
        MetricsProvider.noop(),
        TracerProvider.noop(),
        ExecutionListener.noop(),
        new InMemoryCacheBackend());
  }
}
