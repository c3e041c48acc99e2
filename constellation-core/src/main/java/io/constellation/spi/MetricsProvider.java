package io.constellation.spi;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * Receives the engine's metrics (see {@code docs/metrics.md} for the catalog: names, kinds and
 * tags). Tags are low-cardinality (never execution ids).
 *
 * <p><b>Thread-safety:</b> called concurrently from many virtual threads.
 *
 * <p><b>Blocking:</b> must not block: record in memory and export elsewhere.
 *
 * <p><b>Failure:</b> exceptions are caught by the engine, counted and logged (rate-limited); they
 * never change a run's result.
 */
public interface MetricsProvider {

  /** Increments counter {@code name} by one. */
  void counter(String name, Map<String, String> tags);

  /** Records {@code value} in histogram {@code name}. */
  void histogram(String name, double value, Map<String, String> tags);

  /** Sets gauge {@code name} to {@code value}. */
  void gauge(String name, double value, Map<String, String> tags);

  /** A provider that records nothing; the engine skips calling it entirely. */
  static MetricsProvider noop() {
    return NoopMetricsProvider.INSTANCE;
  }

  /** Sends every call to each provider in order; one failing provider never stops the next. */
  static MetricsProvider composite(MetricsProvider... providers) {
    return composite(List.of(providers));
  }

  /** Sends every call to each provider in order; one failing provider never stops the next. */
  static MetricsProvider composite(List<MetricsProvider> providers) {
    requireNonNull(providers, "providers");
    List<MetricsProvider> members =
        providers.stream().filter(p -> p != NoopMetricsProvider.INSTANCE).toList();
    return switch (members.size()) {
      case 0 -> noop();
      case 1 -> members.get(0);
      default -> new CompositeMetricsProvider(members);
    };
  }
}
