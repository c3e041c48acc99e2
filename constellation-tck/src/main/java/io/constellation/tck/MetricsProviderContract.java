package io.constellation.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.constellation.spi.MetricsProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Conformance kit for {@link MetricsProvider}. Subclass it, implement {@link #createProvider()} and
 * the read-back hooks, which read what the provider recorded from wherever it records it (a
 * Micrometer registry, a Prometheus scrape, an OpenTelemetry in-memory reader, ...).
 *
 * <p>Names and tags passed to the read-back hooks are the engine's (e.g. {@code
 * constellation.module.started}, {@code module_name}); translate them to your backend's naming
 * (e.g. Prometheus {@code constellation_module_started_total}). A read-back must match the series
 * with exactly these tags and return 0 when no such series exists. Within one test a name is always
 * used with the same tag keys, as the engine does (see {@link MetricCatalog}).
 */
public abstract class MetricsProviderContract {
  private MetricsProvider provider;

  /** A fresh provider with no recorded series; read-back hooks read what it recorded. */
  protected abstract MetricsProvider createProvider();

  /** The value of counter {@code name} with exactly {@code tags}; 0 when absent. */
  protected abstract double counterValue(String name, Map<String, String> tags);

  /** How many values histogram {@code name} with exactly {@code tags} recorded; 0 when absent. */
  protected abstract long histogramCount(String name, Map<String, String> tags);

  /** The sum of the values histogram {@code name} with exactly {@code tags} recorded. */
  protected abstract double histogramSum(String name, Map<String, String> tags);

  /** The last value of gauge {@code name} with exactly {@code tags}; 0 when absent. */
  protected abstract double gaugeValue(String name, Map<String, String> tags);

  /** Releases the provider after each test; closes it when it is {@link AutoCloseable}. */
  protected void closeProvider(MetricsProvider provider) {
    if (provider instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception e) {
        throw new IllegalStateException("closing the provider failed", e);
      }
    }
  }

  /** The provider of the current test. */
  protected final MetricsProvider provider() {
    return provider;
  }

  @BeforeEach
  final void tckCreateProvider() {
    provider = createProvider();
    assertThat(provider).as("createProvider()").isNotNull();
  }

  @AfterEach
  final void tckCloseProvider() {
    if (provider != null) {
      closeProvider(provider);
      provider = null;
    }
  }

  private static Map<String, String> tags(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void aCounterIncrementsByOnePerCall() {
    Map<String, String> t = tags("module_name", "tck.upper");
    provider.counter("tck.calls", t);
    provider.counter("tck.calls", t);
    provider.counter("tck.calls", t);
    assertThat(counterValue("tck.calls", t)).isEqualTo(3.0);
  }

  @Test
  void tagValuesDistinguishCounterSeries() {
    provider.counter("tck.requests", tags("dag_name", "a", "success", "true"));
    provider.counter("tck.requests", tags("dag_name", "a", "success", "true"));
    provider.counter("tck.requests", tags("dag_name", "a", "success", "false"));
    provider.counter("tck.requests", tags("dag_name", "b", "success", "true"));
    assertThat(counterValue("tck.requests", tags("dag_name", "a", "success", "true")))
        .isEqualTo(2.0);
    assertThat(counterValue("tck.requests", tags("dag_name", "a", "success", "false")))
        .isEqualTo(1.0);
    assertThat(counterValue("tck.requests", tags("dag_name", "b", "success", "true")))
        .isEqualTo(1.0);
    assertThat(counterValue("tck.requests", tags("dag_name", "b", "success", "false")))
        .isEqualTo(0.0);
  }

  @Test
  void tagOrderDoesNotMatter() {
    Map<String, String> ab = tags("dag_name", "x", "success", "true");
    Map<String, String> ba = tags("success", "true", "dag_name", "x");
    provider.counter("tck.ordered", ab);
    provider.counter("tck.ordered", ba);
    assertThat(counterValue("tck.ordered", ab)).isEqualTo(2.0);
  }

  @Test
  void theProviderDoesNotKeepTheCallersTagMap() {
    Map<String, String> mutable = new HashMap<>(tags("module_name", "first"));
    provider.counter("tck.copied", mutable);
    mutable.put("module_name", "second");
    assertThat(counterValue("tck.copied", tags("module_name", "first"))).isEqualTo(1.0);
    assertThat(counterValue("tck.copied", tags("module_name", "second"))).isEqualTo(0.0);
  }

  @Test
  void aHistogramRecordsCountAndSum() {
    Map<String, String> t = tags("module_name", "tck.score");
    provider.histogram("tck.duration_ms", 1.5, t);
    provider.histogram("tck.duration_ms", 2.5, t);
    provider.histogram("tck.duration_ms", 6.0, t);
    assertThat(histogramCount("tck.duration_ms", t)).isEqualTo(3);
    assertThat(histogramSum("tck.duration_ms", t)).isCloseTo(10.0, within(1e-9));
  }

  @Test
  void tagValuesDistinguishHistogramSeries() {
    provider.histogram("tck.latency", 10.0, tags("dag_name", "a"));
    provider.histogram("tck.latency", 30.0, tags("dag_name", "b"));
    provider.histogram("tck.latency", 50.0, tags("dag_name", "b"));
    assertThat(histogramCount("tck.latency", tags("dag_name", "a"))).isEqualTo(1);
    assertThat(histogramSum("tck.latency", tags("dag_name", "a"))).isCloseTo(10.0, within(1e-9));
    assertThat(histogramCount("tck.latency", tags("dag_name", "b"))).isEqualTo(2);
    assertThat(histogramSum("tck.latency", tags("dag_name", "b"))).isCloseTo(80.0, within(1e-9));
  }

  @Test
  void aHistogramAcceptsZero() {
    Map<String, String> t = tags("module_name", "fast");
    provider.histogram("tck.zero", 0.0, t);
    assertThat(histogramCount("tck.zero", t)).isEqualTo(1);
    assertThat(histogramSum("tck.zero", t)).isCloseTo(0.0, within(1e-9));
  }

  @Test
  void aGaugeTakesTheLastValue() {
    provider.gauge("tck.active", 5.0, Map.of());
    provider.gauge("tck.active", 12.0, Map.of());
    provider.gauge("tck.active", 7.0, Map.of());
    assertThat(gaugeValue("tck.active", Map.of())).isEqualTo(7.0);
  }

  @Test
  void aGaugeCanGoBackToZero() {
    provider.gauge("tck.queued", 3.0, Map.of());
    provider.gauge("tck.queued", 0.0, Map.of());
    assertThat(gaugeValue("tck.queued", Map.of())).isEqualTo(0.0);
  }

  @Test
  void tagValuesDistinguishGaugeSeries() {
    provider.gauge("tck.level", 1.0, tags("pool", "a"));
    provider.gauge("tck.level", 2.0, tags("pool", "b"));
    assertThat(gaugeValue("tck.level", tags("pool", "a"))).isEqualTo(1.0);
    assertThat(gaugeValue("tck.level", tags("pool", "b"))).isEqualTo(2.0);
  }

  @Test
  void everyCatalogMetricCanBeEmittedWithItsTags() {
    for (MetricCatalog.Metric m : MetricCatalog.ALL) {
      Map<String, String> t = new LinkedHashMap<>();
      for (String key : m.tagKeys()) {
        t.put(key, key.equals("success") ? "true" : "tck");
      }
      switch (m.kind()) {
        case COUNTER -> {
          provider.counter(m.name(), t);
          provider.counter(m.name(), t);
        }
        case HISTOGRAM -> {
          provider.histogram(m.name(), 4.0, t);
          provider.histogram(m.name(), 8.0, t);
        }
        case GAUGE -> {
          provider.gauge(m.name(), 9.0, t);
          provider.gauge(m.name(), 3.0, t);
        }
      }
    }
    for (MetricCatalog.Metric m : MetricCatalog.ALL) {
      Map<String, String> t = new LinkedHashMap<>();
      for (String key : m.tagKeys()) {
        t.put(key, key.equals("success") ? "true" : "tck");
      }
      switch (m.kind()) {
        case COUNTER -> assertThat(counterValue(m.name(), t)).as(m.name()).isEqualTo(2.0);
        case HISTOGRAM -> {
          assertThat(histogramCount(m.name(), t)).as(m.name()).isEqualTo(2);
          assertThat(histogramSum(m.name(), t)).as(m.name()).isCloseTo(12.0, within(1e-9));
        }
        case GAUGE -> assertThat(gaugeValue(m.name(), t)).as(m.name()).isEqualTo(3.0);
      }
    }
  }

  @Test
  void concurrentIncrementsFromManyThreadsAreNotLost() throws Exception {
    int threads = 16;
    int perThread = 2_000;
    Map<String, String> t = tags("module_name", "contended");
    CountDownLatch start = new CountDownLatch(1);
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int n = 0; n < perThread; n++) {
                    provider.counter("tck.contended", t);
                    provider.histogram("tck.contended_ms", 1.0, t);
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : futures) {
        f.get();
      }
    }
    assertThat(counterValue("tck.contended", t)).isEqualTo((double) threads * perThread);
    assertThat(histogramCount("tck.contended_ms", t)).isEqualTo((long) threads * perThread);
    assertThat(histogramSum("tck.contended_ms", t)).isCloseTo(threads * perThread, within(1e-6));
  }

  @Test
  void tenThousandCallsReturnPromptly() {
    // A sanity bound, not a benchmark: a provider that does I/O per call fails it.
    List<Map<String, String>> tagSets =
        List.of(tags("module_name", "a"), tags("module_name", "b"), tags("module_name", "c"));
    long start = System.nanoTime();
    for (int i = 0; i < 10_000; i++) {
      Map<String, String> t = tagSets.get(i % tagSets.size());
      switch (i % 3) {
        case 0 -> provider.counter("tck.fast", t);
        case 1 -> provider.histogram("tck.fast_ms", i, t);
        default -> provider.gauge("tck.fast_gauge", i, t);
      }
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(took).as("10k metric calls").isLessThan(Duration.ofSeconds(5));
    double total = 0;
    for (Map<String, String> t : tagSets) {
      total += counterValue("tck.fast", t);
    }
    assertThat(total).isEqualTo(3334.0);
  }
}
