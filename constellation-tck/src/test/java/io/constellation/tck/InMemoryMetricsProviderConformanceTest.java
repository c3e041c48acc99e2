package io.constellation.tck;

import io.constellation.spi.MetricsProvider;
import java.util.Map;

/** The in-memory test provider passes the metrics kit (and so shows the kit can be passed). */
class InMemoryMetricsProviderConformanceTest extends MetricsProviderContract {
  private InMemoryMetricsProvider provider;

  @Override
  protected MetricsProvider createProvider() {
    provider = new InMemoryMetricsProvider();
    return provider;
  }

  @Override
  protected double counterValue(String name, Map<String, String> tags) {
    return provider.counterValue(name, tags);
  }

  @Override
  protected long histogramCount(String name, Map<String, String> tags) {
    return provider.histogramCount(name, tags);
  }

  @Override
  protected double histogramSum(String name, Map<String, String> tags) {
    return provider.histogramSum(name, tags);
  }

  @Override
  protected double gaugeValue(String name, Map<String, String> tags) {
    return provider.gaugeValue(name, tags);
  }
}
