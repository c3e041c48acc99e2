package io.constellation.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.constellation.tck.MetricCatalog;
import io.constellation.tck.MetricCatalog.Metric;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.MetricDataType;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenTelemetryMetricsProviderTest {
  private final InMemoryMetricReader reader = InMemoryMetricReader.create();
  private final SdkMeterProvider meterProvider =
      SdkMeterProvider.builder().registerMetricReader(reader).build();
  private final OpenTelemetryMetricsProvider metrics =
      new OpenTelemetryMetricsProvider(meterProvider.get("io.constellation"));

  @AfterEach
  void close() {
    meterProvider.close();
  }

  private static Attributes attrs(Map<String, String> tags) {
    AttributesBuilder b = Attributes.builder();
    tags.forEach(b::put);
    return b.build();
  }

  private static Optional<MetricData> find(Collection<MetricData> all, String name) {
    return all.stream().filter(m -> m.getName().equals(name)).findFirst();
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
  void everyCatalogMetricIsExportedWithTheRightInstrumentTypeAndAttributes() {
    for (Metric e : MetricCatalog.ALL) {
      switch (e.kind()) {
        case COUNTER -> {
          metrics.counter(e.name(), tagsOf(e));
          metrics.counter(e.name(), tagsOf(e));
        }
        case HISTOGRAM -> {
          metrics.histogram(e.name(), 4, tagsOf(e));
          metrics.histogram(e.name(), 6, tagsOf(e));
        }
        case GAUGE -> {
          metrics.gauge(e.name(), 9, tagsOf(e));
          metrics.gauge(e.name(), 7, tagsOf(e));
        }
      }
    }
    Collection<MetricData> exported = reader.collectAllMetrics();
    assertThat(exported).hasSize(MetricCatalog.ALL.size());

    for (Metric e : MetricCatalog.ALL) {
      MetricData m = find(exported, e.name()).orElseThrow(() -> new AssertionError(e.name()));
      assertThat(m.getInstrumentationScopeInfo().getName()).isEqualTo("io.constellation");
      switch (e.kind()) {
        case COUNTER -> {
          assertThat(m.getType()).as(e.name()).isEqualTo(MetricDataType.LONG_SUM);
          assertThat(m.getLongSumData().isMonotonic()).isTrue();
          LongPointData p = m.getLongSumData().getPoints().iterator().next();
          assertThat(p.getAttributes()).isEqualTo(attrs(tagsOf(e)));
          assertThat(p.getValue()).isEqualTo(2);
        }
        case HISTOGRAM -> {
          assertThat(m.getType()).as(e.name()).isEqualTo(MetricDataType.HISTOGRAM);
          assertThat(m.getUnit()).isEqualTo("ms");
          HistogramPointData p = m.getHistogramData().getPoints().iterator().next();
          assertThat(p.getAttributes()).isEqualTo(attrs(tagsOf(e)));
          assertThat(p.getCount()).isEqualTo(2);
          assertThat(p.getSum()).isEqualTo(10.0);
          assertThat(p.getMax()).isEqualTo(6.0);
        }
        case GAUGE -> {
          assertThat(m.getType()).as(e.name()).isEqualTo(MetricDataType.DOUBLE_GAUGE);
          DoublePointData p = m.getDoubleGaugeData().getPoints().iterator().next();
          assertThat(p.getAttributes()).isEqualTo(Attributes.empty());
          assertThat(p.getValue()).isEqualTo(7.0);
        }
      }
    }
  }

  @Test
  void differentTagSetsAreDifferentPointsOfOneInstrument() {
    metrics.counter("constellation.module.failed", Map.of("module_name", "a"));
    metrics.counter("constellation.module.failed", Map.of("module_name", "a"));
    metrics.counter("constellation.module.failed", Map.of("module_name", "b"));
    MetricData m = find(reader.collectAllMetrics(), "constellation.module.failed").orElseThrow();
    List<String> points = new ArrayList<>();
    for (LongPointData p : m.getLongSumData().getPoints()) {
      points.add(p.getAttributes().get(AttributeKey.stringKey("module_name")) + "=" + p.getValue());
    }
    assertThat(points).containsExactlyInAnyOrder("a=2", "b=1");
  }

  @Test
  void configuredBucketBoundariesAreUsed() {
    OpenTelemetryMetricsProvider p =
        OpenTelemetryMetricsProvider.withHistogramBuckets(
            meterProvider.get("custom"), List.of(1.0, 10.0, 100.0));
    p.histogram("constellation.module.duration_ms", 5, Map.of("module_name", "m"));
    p.histogram("constellation.module.duration_ms", 50, Map.of("module_name", "m"));
    MetricData m =
        reader.collectAllMetrics().stream()
            .filter(d -> d.getInstrumentationScopeInfo().getName().equals("custom"))
            .findFirst()
            .orElseThrow();
    HistogramPointData point = m.getHistogramData().getPoints().iterator().next();
    assertThat(point.getBoundaries()).containsExactly(1.0, 10.0, 100.0);
    assertThat(point.getCounts()).containsExactly(0L, 1L, 1L, 0L);
  }

  @Test
  void badBucketBoundariesAreRejectedWithTheFieldName() {
    assertThatThrownBy(
            () ->
                OpenTelemetryMetricsProvider.withHistogramBuckets(
                    meterProvider.get("x"), List.of(10.0, 1.0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("boundaries");
  }

  @Test
  void callerMutatingItsTagMapAfterwardsDoesNotChangeRecordedAttributes() {
    Map<String, String> tags = new java.util.HashMap<>(Map.of("backend", "redis"));
    metrics.counter("constellation.cache.hits", tags);
    tags.put("backend", "memory");
    metrics.counter("constellation.cache.hits", tags);
    MetricData m = find(reader.collectAllMetrics(), "constellation.cache.hits").orElseThrow();
    assertThat(m.getLongSumData().getPoints())
        .extracting(p -> p.getAttributes().get(AttributeKey.stringKey("backend")))
        .containsExactlyInAnyOrder("redis", "memory");
  }
}
