package io.constellation.opentelemetry;

import java.util.List;
import java.util.Map;

/** The engine's metric catalog (DESIGN §8.2), with example tag values. */
final class Catalog {
  enum Kind {
    COUNTER,
    HISTOGRAM,
    GAUGE
  }

  record Entry(String name, Kind kind, Map<String, String> tags) {}

  static final List<Entry> ENTRIES =
      List.of(
          new Entry("constellation.execution.started", Kind.COUNTER, Map.of("dag_name", "x")),
          new Entry(
              "constellation.execution.completed",
              Kind.COUNTER,
              Map.of("dag_name", "x", "success", "true")),
          new Entry(
              "constellation.execution.duration_ms", Kind.HISTOGRAM, Map.of("dag_name", "x")),
          new Entry("constellation.execution.suspended", Kind.COUNTER, Map.of("dag_name", "x")),
          new Entry("constellation.module.started", Kind.COUNTER, Map.of("module_name", "Upper")),
          new Entry("constellation.module.completed", Kind.COUNTER, Map.of("module_name", "Upper")),
          new Entry("constellation.module.failed", Kind.COUNTER, Map.of("module_name", "Upper")),
          new Entry(
              "constellation.module.duration_ms", Kind.HISTOGRAM, Map.of("module_name", "Upper")),
          new Entry("constellation.module.retries", Kind.COUNTER, Map.of("module_name", "Upper")),
          new Entry("constellation.scheduler.active", Kind.GAUGE, Map.of()),
          new Entry("constellation.scheduler.queued", Kind.GAUGE, Map.of()),
          new Entry("constellation.cache.hits", Kind.COUNTER, Map.of("backend", "memory")),
          new Entry("constellation.cache.misses", Kind.COUNTER, Map.of("backend", "memory")),
          new Entry("constellation.cache.errors", Kind.COUNTER, Map.of("backend", "memory")),
          new Entry("constellation.listener.dropped", Kind.COUNTER, Map.of("listener", "kafka")),
          new Entry("constellation.listener.errors", Kind.COUNTER, Map.of("listener", "kafka")));

  private Catalog() {}
}
