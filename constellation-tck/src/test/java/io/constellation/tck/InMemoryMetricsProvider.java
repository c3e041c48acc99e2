package io.constellation.tck;

import static java.util.Objects.requireNonNull;

import io.constellation.spi.MetricsProvider;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * A small in-memory {@link MetricsProvider} for tests: counters, histograms (count and sum) and
 * gauges keyed by name and exact tags. Thread-safe and non-blocking.
 */
final class InMemoryMetricsProvider implements MetricsProvider {
  private record Series(String name, Map<String, String> tags) {
    Series {
      requireNonNull(name, "name");
      tags = Map.copyOf(tags);
    }
  }

  private record Histogram(LongAdder count, DoubleAdder sum) {}

  private final Map<Series, DoubleAdder> counters = new ConcurrentHashMap<>();
  private final Map<Series, Histogram> histograms = new ConcurrentHashMap<>();
  private final Map<Series, Double> gauges = new ConcurrentHashMap<>();

  @Override
  public void counter(String name, Map<String, String> tags) {
    counters.computeIfAbsent(new Series(name, tags), s -> new DoubleAdder()).add(1.0);
  }

  @Override
  public void histogram(String name, double value, Map<String, String> tags) {
    Histogram h =
        histograms.computeIfAbsent(
            new Series(name, tags), s -> new Histogram(new LongAdder(), new DoubleAdder()));
    h.count().increment();
    h.sum().add(value);
  }

  @Override
  public void gauge(String name, double value, Map<String, String> tags) {
    gauges.put(new Series(name, tags), value);
  }

  double counterValue(String name, Map<String, String> tags) {
    DoubleAdder a = counters.get(new Series(name, tags));
    return a == null ? 0 : a.sum();
  }

  long histogramCount(String name, Map<String, String> tags) {
    Histogram h = histograms.get(new Series(name, tags));
    return h == null ? 0 : h.count().sum();
  }

  double histogramSum(String name, Map<String, String> tags) {
    Histogram h = histograms.get(new Series(name, tags));
    return h == null ? 0 : h.sum().sum();
  }

  double gaugeValue(String name, Map<String, String> tags) {
    return gauges.getOrDefault(new Series(name, tags), 0.0);
  }
}
