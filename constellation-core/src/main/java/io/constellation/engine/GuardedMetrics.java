package io.constellation.engine;

import io.constellation.spi.MetricsProvider;
import java.util.Map;

/** Calls the metrics provider, swallowing (and rate-limit logging) its failures. */
final class GuardedMetrics {
  private final MetricsProvider delegate;
  final boolean enabled;

  GuardedMetrics(MetricsProvider delegate) {
    this.delegate = delegate;
    this.enabled = delegate != MetricsProvider.noop();
  }

  void counter(String name, Map<String, String> tags) {
    if (!enabled) {
      return;
    }
    try {
      delegate.counter(name, tags);
    } catch (Throwable t) {
      RateLimitedLog.warn("metrics provider failed on " + name, t);
    }
  }

  void histogram(String name, double value, Map<String, String> tags) {
    if (!enabled) {
      return;
    }
    try {
      delegate.histogram(name, value, tags);
    } catch (Throwable t) {
      RateLimitedLog.warn("metrics provider failed on " + name, t);
    }
  }

  void gauge(String name, double value, Map<String, String> tags) {
    if (!enabled) {
      return;
    }
    try {
      delegate.gauge(name, value, tags);
    } catch (Throwable t) {
      RateLimitedLog.warn("metrics provider failed on " + name, t);
    }
  }
}
