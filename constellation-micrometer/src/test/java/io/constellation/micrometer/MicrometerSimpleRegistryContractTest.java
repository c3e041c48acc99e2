package io.constellation.micrometer;

import io.constellation.spi.MetricsProvider;
import io.constellation.tck.MetricsProviderContract;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The metrics TCK against Micrometer's {@link SimpleMeterRegistry}, read back from the meters. */
class MicrometerSimpleRegistryContractTest extends MetricsProviderContract {
  private SimpleMeterRegistry registry;

  @Override
  protected MetricsProvider createProvider() {
    registry = new SimpleMeterRegistry();
    return new MicrometerMetricsProvider(registry);
  }

  /** The meter named {@code name} with exactly {@code tags} (Micrometer's find matches subsets). */
  private <M extends Meter> Optional<M> meter(
      String name, Map<String, String> tags, Class<M> type) {
    return registry.find(name).meters().stream()
        .filter(m -> tagMap(m).equals(tags))
        .filter(type::isInstance)
        .map(type::cast)
        .findFirst();
  }

  private static Map<String, String> tagMap(Meter m) {
    Map<String, String> out = new HashMap<>();
    for (Tag t : m.getId().getTags()) {
      out.put(t.getKey(), t.getValue());
    }
    return out;
  }

  @Override
  protected double counterValue(String name, Map<String, String> tags) {
    return meter(name, tags, Counter.class).map(Counter::count).orElse(0.0);
  }

  @Override
  protected long histogramCount(String name, Map<String, String> tags) {
    return meter(name, tags, DistributionSummary.class).map(DistributionSummary::count).orElse(0L);
  }

  @Override
  protected double histogramSum(String name, Map<String, String> tags) {
    return meter(name, tags, DistributionSummary.class)
        .map(DistributionSummary::totalAmount)
        .orElse(0.0);
  }

  @Override
  protected double gaugeValue(String name, Map<String, String> tags) {
    return meter(name, tags, Gauge.class).map(Gauge::value).orElse(0.0);
  }
}
