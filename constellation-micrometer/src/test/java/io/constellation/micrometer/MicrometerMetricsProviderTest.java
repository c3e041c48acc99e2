package io.constellation.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.constellation.tck.MetricCatalog;
import io.constellation.tck.MetricCatalog.Metric;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class MicrometerMetricsProviderTest {

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  private static void emitCatalog(MicrometerMetricsProvider p) {
    for (Metric e : MetricCatalog.ALL) {
      switch (e.kind()) {
        case COUNTER -> p.counter(e.name(), tagsOf(e));
        case HISTOGRAM -> {
          p.histogram(e.name(), 4, tagsOf(e));
          p.histogram(e.name(), 6, tagsOf(e));
        }
        case GAUGE -> p.gauge(e.name(), 7, tagsOf(e));
      }
    }
  }

  /** Example tag values for a catalog metric: {@code success=true}, other keys {@code <key>-v}. */
  static Map<String, String> tagsOf(Metric m) {
    Map<String, String> tags = new java.util.LinkedHashMap<>();
    for (String key : m.tagKeys()) {
      tags.put(key, key.equals("success") ? "true" : key + "-v");
    }
    return tags;
  }

  @Test
  void prometheusScrapeExposesTheWholeCatalogWithCorrectTypes() {
    emitCatalog(new MicrometerMetricsProvider(registry));
    PrometheusText scrape = PrometheusText.parse(registry.scrape());

    for (Metric e : MetricCatalog.ALL) {
      String family = e.name().replace('.', '_');
      switch (e.kind()) {
        case COUNTER -> {
          assertThat(scrape.type(family + "_total")).as(family).contains("counter");
          assertThat(scrape.value(family + "_total", tagsOf(e))).as(family).contains(1.0);
        }
        case HISTOGRAM -> {
          assertThat(scrape.type(family)).as(family).contains("summary");
          assertThat(scrape.value(family + "_count", tagsOf(e))).as(family).contains(2.0);
          assertThat(scrape.value(family + "_sum", tagsOf(e))).as(family).contains(10.0);
          assertThat(scrape.value(family + "_max", tagsOf(e))).as(family).contains(6.0);
        }
        case GAUGE -> {
          assertThat(scrape.type(family)).as(family).contains("gauge");
          assertThat(scrape.value(family, tagsOf(e))).as(family).contains(7.0);
        }
      }
    }
    // Nothing else than the catalog was registered (plus the _max gauges of the summaries).
    long expectedFamilies =
        MetricCatalog.ALL.stream()
            .mapToLong(e -> e.kind() == MetricCatalog.Kind.HISTOGRAM ? 2 : 1)
            .sum();
    assertThat(scrape.types).hasSize((int) expectedFamilies);
  }

  @Test
  void exampleLinesMatchTheExpositionFormatExactly() {
    MicrometerMetricsProvider p = new MicrometerMetricsProvider(registry);
    p.counter("constellation.execution.started", Map.of("dag_name", "x"));
    p.histogram("constellation.module.duration_ms", 12.5, Map.of("module_name", "Upper"));

    String text = registry.scrape();
    assertThat(text)
        .contains("# TYPE constellation_execution_started_total counter\n")
        .contains("constellation_execution_started_total{dag_name=\"x\"} 1.0\n")
        .contains("# TYPE constellation_module_duration_ms summary\n")
        .contains("constellation_module_duration_ms_count{module_name=\"Upper\"} 1\n")
        .contains("constellation_module_duration_ms_sum{module_name=\"Upper\"} 12.5\n");
  }

  @Test
  void percentileHistogramOptionPublishesPrometheusHistogramBuckets() {
    MicrometerMetricsProvider p =
        MicrometerMetricsProvider.builder(registry).publishPercentileHistogram(true).build();
    p.histogram("constellation.execution.duration_ms", 3, Map.of("dag_name", "x"));
    p.histogram("constellation.execution.duration_ms", 300, Map.of("dag_name", "x"));

    PrometheusText scrape = PrometheusText.parse(registry.scrape());
    assertThat(scrape.type("constellation_execution_duration_ms")).contains("histogram");
    List<PrometheusText.Sample> buckets =
        scrape.samplesNamed("constellation_execution_duration_ms_bucket");
    assertThat(buckets).isNotEmpty().allMatch(s -> "x".equals(s.labels().get("dag_name")));
    assertThat(scrape.value("constellation_execution_duration_ms_bucket", le("x", "+Inf")))
        .contains(2.0);
    assertThat(scrape.value("constellation_execution_duration_ms_bucket", le("x", "4.0")))
        .contains(1.0);
    assertThat(scrape.value("constellation_execution_duration_ms_count", Map.of("dag_name", "x")))
        .contains(2.0);
  }

  private static Map<String, String> le(String dag, String le) {
    Map<String, String> m = new HashMap<>();
    m.put("dag_name", dag);
    m.put("le", le);
    return m;
  }

  @Test
  void clientSidePercentilesArePublishedWhenConfigured() {
    MicrometerMetricsProvider p =
        MicrometerMetricsProvider.builder(registry).percentiles(0.5, 0.99).build();
    for (int i = 1; i <= 100; i++) {
      p.histogram("constellation.module.duration_ms", i, Map.of("module_name", "m"));
    }
    PrometheusText scrape = PrometheusText.parse(registry.scrape());
    assertThat(scrape.samplesNamed("constellation_module_duration_ms"))
        .extracting(s -> s.labels().get("quantile"))
        .containsExactlyInAnyOrder("0.5", "0.99");
  }

  @Test
  void gaugeReportsTheLastValueSetPerTagSet() {
    MicrometerMetricsProvider p = new MicrometerMetricsProvider(registry);
    p.gauge("constellation.scheduler.queued", 5, Map.of());
    p.gauge("constellation.scheduler.queued", 2, Map.of());
    p.gauge("pool.size", 1, Map.of("pool", "a"));
    p.gauge("pool.size", 9, Map.of("pool", "b"));

    PrometheusText scrape = PrometheusText.parse(registry.scrape());
    assertThat(scrape.value("constellation_scheduler_queued", Map.of())).contains(2.0);
    assertThat(scrape.value("pool_size", Map.of("pool", "a"))).contains(1.0);
    assertThat(scrape.value("pool_size", Map.of("pool", "b"))).contains(9.0);
  }

  @Test
  void countersWithDifferentTagsAreSeparateSeriesAndAccumulate() {
    MicrometerMetricsProvider p = new MicrometerMetricsProvider(new SimpleMeterRegistry());
    for (int i = 0; i < 3; i++) {
      p.counter("constellation.module.failed", Map.of("module_name", "a"));
    }
    p.counter("constellation.module.failed", new HashMap<>(Map.of("module_name", "b")));
    assertThat(
            p.registry()
                .get("constellation.module.failed")
                .tag("module_name", "a")
                .counter()
                .count())
        .isEqualTo(3.0);
    assertThat(
            p.registry()
                .get("constellation.module.failed")
                .tag("module_name", "b")
                .counter()
                .count())
        .isEqualTo(1.0);
  }

  @Test
  void callerMutatingItsTagMapAfterwardsDoesNotCorruptTheCache() {
    MicrometerMetricsProvider p = new MicrometerMetricsProvider(new SimpleMeterRegistry());
    Map<String, String> tags = new HashMap<>(Map.of("module_name", "a"));
    p.counter("c", tags);
    tags.put("module_name", "b");
    p.counter("c", tags);
    p.counter("c", Map.of("module_name", "a"));
    assertThat(p.registry().get("c").tag("module_name", "a").counter().count()).isEqualTo(2.0);
    assertThat(p.registry().get("c").tag("module_name", "b").counter().count()).isEqualTo(1.0);
  }

  @Test
  void durationHistogramsHaveMillisecondBaseUnit() {
    MicrometerMetricsProvider p = new MicrometerMetricsProvider(new SimpleMeterRegistry());
    p.histogram("constellation.module.duration_ms", 1, Map.of("module_name", "m"));
    p.histogram("payload.size", 1, Map.of());
    assertThat(p.registry().get("constellation.module.duration_ms").summary().getId().getBaseUnit())
        .isEqualTo("ms");
    assertThat(p.registry().get("payload.size").summary().getId().getBaseUnit()).isNull();
  }

  @Test
  void aRegistrationTheRegistryRejectsIsCountedAndNeverThrows() {
    MicrometerMetricsProvider p = new MicrometerMetricsProvider(registry);
    p.counter("constellation.cache.hits", Map.of("backend", "memory"));
    // Two Micrometer names that map to one Prometheus name: the registry refuses the second.
    assertThatCode(() -> p.counter("constellation_cache.hits", Map.of("backend", "memory")))
        .doesNotThrowAnyException();
    assertThatCode(() -> p.counter("constellation_cache.hits", Map.of("backend", "memory")))
        .doesNotThrowAnyException();
    // The same name used as another kind.
    assertThatCode(() -> p.gauge("constellation.cache.hits", 3, Map.of("backend", "memory")))
        .doesNotThrowAnyException();
    assertThatCode(() -> p.histogram("constellation.cache.hits", 3, Map.of("backend", "memory")))
        .doesNotThrowAnyException();
    assertThat(p.rejectedRegistrations()).isEqualTo(3);
    PrometheusText scrape = PrometheusText.parse(registry.scrape());
    assertThat(scrape.type("constellation_cache_hits_total")).contains("counter");
    assertThat(scrape.value("constellation_cache_hits_total", Map.of("backend", "memory")))
        .contains(1.0);
  }

  @Test
  void concurrentIncrementsAreAllCounted() throws Exception {
    MicrometerMetricsProvider p = new MicrometerMetricsProvider(registry);
    int threads = 8;
    int perThread = 5_000;
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> all = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      String module = "m" + (t % 2);
      all.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      start.await();
                    } catch (InterruptedException e) {
                      return;
                    }
                    for (int i = 0; i < perThread; i++) {
                      p.counter("constellation.module.started", Map.of("module_name", module));
                      p.histogram(
                          "constellation.module.duration_ms", 1, Map.of("module_name", module));
                      p.gauge("constellation.scheduler.active", i, Map.of());
                    }
                  }));
    }
    start.countDown();
    for (Thread t : all) {
      t.join();
    }
    PrometheusText scrape = PrometheusText.parse(registry.scrape());
    double half = threads / 2.0 * perThread;
    assertThat(scrape.value("constellation_module_started_total", Map.of("module_name", "m0")))
        .contains(half);
    assertThat(scrape.value("constellation_module_duration_ms_count", Map.of("module_name", "m1")))
        .contains(half);
  }

  @Test
  void nullArgumentsAreRejectedWithTheParameterName() {
    MicrometerMetricsProvider p = new MicrometerMetricsProvider(registry);
    assertThatThrownBy(() -> p.counter(null, Map.of())).hasMessageContaining("name");
    assertThatThrownBy(() -> p.gauge("g", 1, null)).hasMessageContaining("tags");
    assertThatThrownBy(() -> MicrometerMetricsProvider.builder(registry).percentiles(1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("percentiles");
  }
}
