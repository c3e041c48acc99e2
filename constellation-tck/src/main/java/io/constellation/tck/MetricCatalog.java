package io.constellation.tck;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * The metrics the engine emits through {@link io.constellation.spi.MetricsProvider} (DESIGN §8.2):
 * name, kind and tag keys. Tags are low-cardinality; a name is always emitted with the same tag
 * keys.
 */
public final class MetricCatalog {
  private MetricCatalog() {}

  /** How a metric is recorded. */
  public enum Kind {
    COUNTER,
    HISTOGRAM,
    GAUGE
  }

  /**
   * One catalog entry.
   *
   * @param name the metric name, e.g. {@code constellation.execution.started}
   * @param kind counter, histogram or gauge
   * @param tagKeys the tag keys it is always emitted with (maybe none)
   */
  public record Metric(String name, Kind kind, List<String> tagKeys) {
    public Metric {
      requireNonNull(name, "name");
      requireNonNull(kind, "kind");
      tagKeys = List.copyOf(tagKeys);
    }
  }

  public static final Metric EXECUTION_STARTED =
      counter("constellation.execution.started", "dag_name");
  public static final Metric EXECUTION_COMPLETED =
      counter("constellation.execution.completed", "dag_name", "success");
  public static final Metric EXECUTION_DURATION_MS =
      new Metric("constellation.execution.duration_ms", Kind.HISTOGRAM, List.of("dag_name"));
  public static final Metric EXECUTION_SUSPENDED =
      counter("constellation.execution.suspended", "dag_name");
  public static final Metric MODULE_STARTED =
      counter("constellation.module.started", "module_name");
  public static final Metric MODULE_COMPLETED =
      counter("constellation.module.completed", "module_name");
  public static final Metric MODULE_FAILED = counter("constellation.module.failed", "module_name");
  public static final Metric MODULE_DURATION_MS =
      new Metric("constellation.module.duration_ms", Kind.HISTOGRAM, List.of("module_name"));
  public static final Metric MODULE_RETRIES =
      counter("constellation.module.retries", "module_name");
  public static final Metric SCHEDULER_ACTIVE =
      new Metric("constellation.scheduler.active", Kind.GAUGE, List.of());
  public static final Metric SCHEDULER_QUEUED =
      new Metric("constellation.scheduler.queued", Kind.GAUGE, List.of());
  public static final Metric CACHE_HITS = counter("constellation.cache.hits", "backend");
  public static final Metric CACHE_MISSES = counter("constellation.cache.misses", "backend");
  public static final Metric CACHE_ERRORS = counter("constellation.cache.errors", "backend");
  public static final Metric LISTENER_DROPPED =
      counter("constellation.listener.dropped", "listener");
  public static final Metric LISTENER_ERRORS = counter("constellation.listener.errors", "listener");

  /** Every metric of the catalog, in the order of DESIGN §8.2. */
  public static final List<Metric> ALL =
      List.of(
          EXECUTION_STARTED,
          EXECUTION_COMPLETED,
          EXECUTION_DURATION_MS,
          EXECUTION_SUSPENDED,
          MODULE_STARTED,
          MODULE_COMPLETED,
          MODULE_FAILED,
          MODULE_DURATION_MS,
          MODULE_RETRIES,
          SCHEDULER_ACTIVE,
          SCHEDULER_QUEUED,
          CACHE_HITS,
          CACHE_MISSES,
          CACHE_ERRORS,
          LISTENER_DROPPED,
          LISTENER_ERRORS);

  /** The catalog entry named {@code name}, if any. */
  public static Optional<Metric> find(String name) {
    requireNonNull(name, "name");
    return ALL.stream().filter(m -> m.name().equals(name)).findFirst();
  }

  private static Metric counter(String name, String... tagKeys) {
    return new Metric(name, Kind.COUNTER, List.of(tagKeys));
  }
}
