package io.constellation.micrometer;

import io.constellation.spi.MetricsProvider;
import io.constellation.tck.MetricsProviderContract;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;

/** The metrics TCK against a Prometheus registry, read back by parsing its scrape output. */
class MicrometerPrometheusContractTest extends MetricsProviderContract {
  private PrometheusMeterRegistry registry;

  @Override
  protected MetricsProvider createProvider() {
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    return new MicrometerMetricsProvider(registry);
  }

  private double sample(String name, Map<String, String> tags) {
    return PrometheusText.parse(registry.scrape()).value(name, tags).orElse(0.0);
  }

  private static String prometheus(String name) {
    return name.replace('.', '_');
  }

  @Override
  protected double counterValue(String name, Map<String, String> tags) {
    return sample(prometheus(name) + "_total", tags);
  }

  @Override
  protected long histogramCount(String name, Map<String, String> tags) {
    return (long) sample(prometheus(name) + "_count", tags);
  }

  @Override
  protected double histogramSum(String name, Map<String, String> tags) {
    return sample(prometheus(name) + "_sum", tags);
  }

  @Override
  protected double gaugeValue(String name, Map<String, String> tags) {
    return sample(prometheus(name), tags);
  }
}
