package io.constellation.opentelemetry;

import static java.util.Objects.requireNonNull;

import io.constellation.spi.MetricsProvider;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleGauge;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.DoubleHistogramBuilder;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link MetricsProvider} over an OpenTelemetry {@link Meter}: {@code counter} adds one to a
 * {@link LongCounter}, {@code histogram} records into a {@link DoubleHistogram} (unit {@code ms}
 * for names ending in {@code _ms}), {@code gauge} sets a synchronous {@link DoubleGauge}. Tags
 * become string attributes. Names are used unchanged (OpenTelemetry allows the dotted names of the
 * catalog; an exporter such as Prometheus renders them in its own convention).
 *
 * <p><b>Thread-safety:</b> safe for concurrent use. <b>Blocking:</b> never blocks: instruments are
 * cached per name and attribute sets per tag map in {@link ConcurrentHashMap}s (tags are
 * low-cardinality by the SPI's contract); creating an instrument is an in-memory SDK call made
 * outside any map lock. Export is the SDK's metric reader's business. <b>Failure:</b> an invalid
 * instrument name is reported by the SDK (a warning) and that instrument records nothing; no method
 * throws for such input.
 */
public final class OpenTelemetryMetricsProvider implements MetricsProvider {
  private final Meter meter;
  private final List<Double> bucketBoundaries;
  private final ConcurrentHashMap<String, LongCounter> counters = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, DoubleHistogram> histograms = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, DoubleGauge> gauges = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Map<String, String>, Attributes> attributes =
      new ConcurrentHashMap<>();

  /** Instruments from {@code openTelemetry.getMeter("io.constellation")}. */
  public OpenTelemetryMetricsProvider(OpenTelemetry openTelemetry) {
    this(
        requireNonNull(openTelemetry, "openTelemetry")
            .getMeter(OpenTelemetryTracerProvider.INSTRUMENTATION_NAME));
  }

  /** Instruments from {@code meter}, with the SDK's default histogram buckets. */
  public OpenTelemetryMetricsProvider(Meter meter) {
    this(requireNonNull(meter, "meter"), null);
  }

  private OpenTelemetryMetricsProvider(Meter meter, List<Double> bucketBoundaries) {
    this.meter = meter;
    this.bucketBoundaries = bucketBoundaries;
  }

  /**
   * Instruments from {@code meter}; histograms advise these explicit bucket boundaries (strictly
   * increasing, finite) instead of the SDK's defaults.
   */
  public static OpenTelemetryMetricsProvider withHistogramBuckets(
      Meter meter, List<Double> boundaries) {
    requireNonNull(meter, "meter");
    List<Double> copy = List.copyOf(requireNonNull(boundaries, "boundaries"));
    for (int i = 0; i < copy.size(); i++) {
      double b = copy.get(i);
      if (!Double.isFinite(b) || (i > 0 && b <= copy.get(i - 1))) {
        throw new IllegalArgumentException(
            "boundaries: must be finite and strictly increasing, got " + copy);
      }
    }
    return new OpenTelemetryMetricsProvider(meter, copy);
  }

  @Override
  public void counter(String name, Map<String, String> tags) {
    requireNonNull(name, "name");
    LongCounter c = counters.get(name);
    if (c == null) {
      LongCounter created = meter.counterBuilder(name).build();
      LongCounter prev = counters.putIfAbsent(name, created);
      c = prev == null ? created : prev;
    }
    c.add(1, attributes(tags));
  }

  @Override
  public void histogram(String name, double value, Map<String, String> tags) {
    requireNonNull(name, "name");
    DoubleHistogram h = histograms.get(name);
    if (h == null) {
      DoubleHistogramBuilder b = meter.histogramBuilder(name);
      if (name.endsWith("_ms")) {
        b.setUnit("ms");
      }
      if (bucketBoundaries != null) {
        b.setExplicitBucketBoundariesAdvice(bucketBoundaries);
      }
      DoubleHistogram created = b.build();
      DoubleHistogram prev = histograms.putIfAbsent(name, created);
      h = prev == null ? created : prev;
    }
    h.record(value, attributes(tags));
  }

  @Override
  public void gauge(String name, double value, Map<String, String> tags) {
    requireNonNull(name, "name");
    DoubleGauge g = gauges.get(name);
    if (g == null) {
      DoubleGauge created = meter.gaugeBuilder(name).build();
      DoubleGauge prev = gauges.putIfAbsent(name, created);
      g = prev == null ? created : prev;
    }
    g.set(value, attributes(tags));
  }

  private Attributes attributes(Map<String, String> tags) {
    requireNonNull(tags, "tags");
    if (tags.isEmpty()) {
      return Attributes.empty();
    }
    Attributes a = attributes.get(tags);
    if (a == null) {
      Map<String, String> key = Map.copyOf(tags);
      AttributesBuilder b = Attributes.builder();
      key.forEach(b::put);
      a = b.build();
      Attributes prev = attributes.putIfAbsent(key, a);
      if (prev != null) {
        a = prev;
      }
    }
    return a;
  }

  @Override
  public String toString() {
    return "OpenTelemetryMetricsProvider";
  }
}
