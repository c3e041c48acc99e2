package io.constellation.micrometer;

import static java.util.Objects.requireNonNull;

import io.constellation.spi.MetricsProvider;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.noop.NoopCounter;
import io.micrometer.core.instrument.noop.NoopDistributionSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link MetricsProvider} over any Micrometer {@link MeterRegistry} (Prometheus, OTLP, Datadog,
 * JMX, {@code SimpleMeterRegistry}, ...).
 *
 * <p>Mapping: {@code counter} increments a Micrometer {@link Counter}; {@code histogram} records
 * into a {@link DistributionSummary} (base unit {@code ms} for names ending in {@code _ms}; client
 * side percentiles and a percentile histogram are optional, see {@link Builder}); {@code gauge}
 * sets the current value of a {@link Gauge} registered once per (name, tags) and backed by a value
 * held here. Names are passed through unchanged (dotted); the registry's naming convention renders
 * them (Prometheus: {@code constellation.execution.started} becomes {@code
 * constellation_execution_started_total}).
 *
 * <p><b>Thread-safety:</b> safe for concurrent use. <b>Blocking:</b> never blocks: meters are
 * cached per (name, tags) in a {@link ConcurrentHashMap}; a first use registers the meter with the
 * registry (in memory) outside any map lock. <b>Failure:</b> a registration that the registry
 * rejects (for example Prometheus requires that all meters of one name share the same tag keys),
 * whether the registry throws or reports it through {@code onMeterRegistrationFailed}, is logged
 * once per (kind, name, tags) and counted in {@link #rejectedRegistrations()}; the calls for that
 * key are then not exported. No method of this class throws for such input.
 */
public final class MicrometerMetricsProvider implements MetricsProvider {
  private static final Logger LOG = LoggerFactory.getLogger(MicrometerMetricsProvider.class);

  private record Key(String name, Map<String, String> tags) {}

  /** The current value of one gauge. */
  private static final class GaugeValue {
    private volatile double value;

    double get() {
      return value;
    }
  }

  private static final GaugeValue REJECTED_GAUGE = new GaugeValue();

  private final MeterRegistry registry;
  private final boolean percentileHistogram;
  private final double[] percentiles;
  private final ConcurrentHashMap<Key, Counter> counters = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Key, DistributionSummary> summaries = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Key, GaugeValue> gauges = new ConcurrentHashMap<>();
  private final AtomicLong rejected = new AtomicLong();

  /** Set while this provider registers a meter, to attribute registry-reported failures. */
  private final ThreadLocal<Key> registering = new ThreadLocal<>();

  /**
   * A provider over {@code registry} with summaries only (count, sum, max; no percentile histogram,
   * no client-side percentiles).
   */
  public MicrometerMetricsProvider(MeterRegistry registry) {
    this(builder(registry));
  }

  private MicrometerMetricsProvider(Builder b) {
    this.registry = b.registry;
    this.percentileHistogram = b.percentileHistogram;
    this.percentiles = b.percentiles.clone();
    // Most registries (Prometheus among them) do not throw on a rejected registration: they
    // report it here and hand back a meter that is never exported.
    registry
        .config()
        .onMeterRegistrationFailed(
            (id, reason) -> {
              Key key = registering.get();
              if (key != null) {
                reject(id.getType().name().toLowerCase(java.util.Locale.ROOT), key, reason);
              }
            });
  }

  /** A builder for a provider over {@code registry}. */
  public static Builder builder(MeterRegistry registry) {
    return new Builder(requireNonNull(registry, "registry"));
  }

  /** The registry this provider records into. */
  public MeterRegistry registry() {
    return registry;
  }

  /** How many meter registrations the registry rejected (each is then ignored). */
  public long rejectedRegistrations() {
    return rejected.get();
  }

  @Override
  public void counter(String name, Map<String, String> tags) {
    requireNonNull(name, "name");
    requireNonNull(tags, "tags");
    Key lookup = new Key(name, tags);
    Counter c = counters.get(lookup);
    if (c == null) {
      Key key = new Key(name, Map.copyOf(tags));
      Counter created;
      try {
        registering.set(key);
        created = Counter.builder(name).tags(toTags(key.tags())).register(registry);
      } catch (RuntimeException e) {
        created = new NoopCounter(new Meter.Id(name, Tags.empty(), null, null, Meter.Type.COUNTER));
        reject("counter", key, e.toString());
      } finally {
        registering.remove();
      }
      Counter prev = counters.putIfAbsent(key, created);
      c = prev == null ? created : prev;
    }
    c.increment();
  }

  @Override
  public void histogram(String name, double value, Map<String, String> tags) {
    requireNonNull(name, "name");
    requireNonNull(tags, "tags");
    Key lookup = new Key(name, tags);
    DistributionSummary s = summaries.get(lookup);
    if (s == null) {
      Key key = new Key(name, Map.copyOf(tags));
      DistributionSummary created;
      try {
        registering.set(key);
        DistributionSummary.Builder b =
            DistributionSummary.builder(name)
                .tags(toTags(key.tags()))
                .publishPercentileHistogram(percentileHistogram);
        if (percentiles.length > 0) {
          b.publishPercentiles(percentiles);
        }
        if (name.endsWith("_ms")) {
          b.baseUnit(BaseUnits.MILLISECONDS);
        }
        created = b.register(registry);
      } catch (RuntimeException e) {
        created =
            new NoopDistributionSummary(
                new Meter.Id(name, Tags.empty(), null, null, Meter.Type.DISTRIBUTION_SUMMARY));
        reject("histogram", key, e.toString());
      } finally {
        registering.remove();
      }
      DistributionSummary prev = summaries.putIfAbsent(key, created);
      s = prev == null ? created : prev;
    }
    s.record(value);
  }

  @Override
  public void gauge(String name, double value, Map<String, String> tags) {
    requireNonNull(name, "name");
    requireNonNull(tags, "tags");
    Key lookup = new Key(name, tags);
    GaugeValue g = gauges.get(lookup);
    if (g == null) {
      Key key = new Key(name, Map.copyOf(tags));
      GaugeValue fresh = new GaugeValue();
      GaugeValue prev = gauges.putIfAbsent(key, fresh);
      if (prev == null) {
        // This thread won the race: register the gauge once, outside the map's locks.
        try {
          registering.set(key);
          Gauge.builder(name, fresh, GaugeValue::get)
              .tags(toTags(key.tags()))
              .strongReference(true)
              .register(registry);
        } catch (RuntimeException e) {
          gauges.put(key, REJECTED_GAUGE);
          reject("gauge", key, e.toString());
          return;
        } finally {
          registering.remove();
        }
        g = fresh;
      } else {
        g = prev;
      }
    }
    if (g != REJECTED_GAUGE) {
      g.value = value;
    }
  }

  private void reject(String kind, Key key, String reason) {
    rejected.incrementAndGet();
    LOG.warn(
        "Micrometer registry rejected {} {} with tags {}; its values are dropped: {}",
        kind,
        key.name(),
        key.tags(),
        reason);
  }

  private static List<Tag> toTags(Map<String, String> tags) {
    List<Tag> out = new ArrayList<>(tags.size());
    tags.forEach((k, v) -> out.add(Tag.of(k, v)));
    return out;
  }

  @Override
  public String toString() {
    return "MicrometerMetricsProvider[" + registry.getClass().getSimpleName() + "]";
  }

  /** Options for {@link MicrometerMetricsProvider}. Not thread-safe; use from one thread. */
  public static final class Builder {
    private final MeterRegistry registry;
    private boolean percentileHistogram;
    private double[] percentiles = new double[0];

    private Builder(MeterRegistry registry) {
      this.registry = registry;
    }

    /**
     * Publish a percentile histogram for every histogram metric (Prometheus: type {@code histogram}
     * with {@code _bucket} series, aggregatable across nodes). Default false: a summary with count,
     * sum and max.
     */
    public Builder publishPercentileHistogram(boolean enabled) {
      this.percentileHistogram = enabled;
      return this;
    }

    /**
     * Client-side percentiles to publish for every histogram metric, each in [0, 1] (for example
     * 0.5, 0.99). Not aggregatable across nodes. Default none.
     */
    public Builder percentiles(double... values) {
      requireNonNull(values, "values");
      for (double v : values) {
        if (!(v >= 0 && v <= 1)) {
          throw new IllegalArgumentException("percentiles: " + v + " is not in [0, 1]");
        }
      }
      this.percentiles = values.clone();
      return this;
    }

    public MicrometerMetricsProvider build() {
      return new MicrometerMetricsProvider(this);
    }
  }
}
