package io.constellation.spi;

import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

final class CompositeMetricsProvider implements MetricsProvider {
  private static final Logger LOG = LoggerFactory.getLogger(CompositeMetricsProvider.class);
  private final List<MetricsProvider> members;

  CompositeMetricsProvider(List<MetricsProvider> members) {
    this.members = List.copyOf(members);
  }

  @Override
  public void counter(String name, Map<String, String> tags) {
    for (MetricsProvider m : members) {
      try {
        m.counter(name, tags);
      } catch (RuntimeException e) {
        LOG.debug("metrics provider {} failed on counter {}", m, name, e);
      }
    }
  }

  @Override
  public void histogram(String name, double value, Map<String, String> tags) {
    for (MetricsProvider m : members) {
      try {
        m.histogram(name, value, tags);
      } catch (RuntimeException e) {
        LOG.debug("metrics provider {} failed on histogram {}", m, name, e);
      }
    }
  }

  @Override
  public void gauge(String name, double value, Map<String, String> tags) {
    for (MetricsProvider m : members) {
      try {
        m.gauge(name, value, tags);
      } catch (RuntimeException e) {
        LOG.debug("metrics provider {} failed on gauge {}", m, name, e);
      }
    }
  }

  @Override
  public String toString() {
    return "MetricsProvider.composite" + members;
  }
}
