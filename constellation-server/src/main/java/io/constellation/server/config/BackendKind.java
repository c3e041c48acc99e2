package io.constellation.server.config;

import io.constellation.PipelineStore;
import io.constellation.SuspensionStore;
import io.constellation.cache.CacheBackend;
import io.constellation.spi.ExecutionListener;
import io.constellation.spi.MetricsProvider;
import io.constellation.spi.TracerProvider;

/**
 * The kinds of backend a {@link BackendFactory} can create, with the interface each must implement.
 */
public enum BackendKind {
  CACHE("cache", CacheBackend.class),
  PIPELINE_STORE("pipeline-store", PipelineStore.class),
  SUSPENSION_STORE("suspension-store", SuspensionStore.class),
  METRICS("metrics", MetricsProvider.class),
  LISTENER("listener", ExecutionListener.class),
  TRACER("tracer", TracerProvider.class);

  private final String label;
  private final Class<?> type;

  BackendKind(String label, Class<?> type) {
    this.label = label;
    this.type = type;
  }

  /** The config name ({@code pipeline-store}). */
  public String label() {
    return label;
  }

  /** The interface a backend of this kind implements. */
  public Class<?> type() {
    return type;
  }
}
