package io.constellation.server.config;

import io.constellation.micrometer.MicrometerMetricsProvider;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.EnumSet;
import java.util.Set;

/**
 * {@code prometheus}: engine metrics (and JVM memory, thread and CPU metrics) in a Micrometer
 * Prometheus registry, scraped at {@code GET /metrics}.
 */
public final class PrometheusBackendFactory implements BackendFactory {
  @Override
  public String scheme() {
    return "prometheus";
  }

  @Override
  public Set<BackendKind> kinds() {
    return EnumSet.of(BackendKind.METRICS);
  }

  @Override
  public Object create(BackendKind kind, BackendUri uri, BackendContext context) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    context.exposePrometheus(registry::scrape);
    context.onClose(registry::close);
    return new MicrometerMetricsProvider(registry);
  }

  @Override
  public String describe(BackendKind kind, BackendUri uri) {
    return "Prometheus (GET /metrics)";
  }
}
