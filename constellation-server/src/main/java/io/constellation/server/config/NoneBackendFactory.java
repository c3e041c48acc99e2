package io.constellation.server.config;

import io.constellation.spi.MetricsProvider;
import io.constellation.spi.TracerProvider;
import java.util.EnumSet;
import java.util.Set;

/** {@code none}: no metrics or no tracing. */
public final class NoneBackendFactory implements BackendFactory {
  @Override
  public String scheme() {
    return "none";
  }

  @Override
  public Set<BackendKind> kinds() {
    return EnumSet.of(BackendKind.METRICS, BackendKind.TRACER);
  }

  @Override
  public Object create(BackendKind kind, BackendUri uri, BackendContext context) {
    return kind == BackendKind.METRICS ? MetricsProvider.noop() : TracerProvider.noop();
  }

  @Override
  public String describe(BackendKind kind, BackendUri uri) {
    return "none";
  }
}
