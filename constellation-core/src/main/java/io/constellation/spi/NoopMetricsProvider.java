package io.constellation.spi;

import java.util.Map;

enum NoopMetricsProvider implements MetricsProvider {
  INSTANCE;

  @Override
  public void counter(String name, Map<String, String> tags) {}

  @Override
  public void histogram(String name, double value, Map<String, String> tags) {}

  @Override
  public void gauge(String name, double value, Map<String, String> tags) {}

  @Override
  public String toString() {
    return "MetricsProvider.noop()";
  }
}
