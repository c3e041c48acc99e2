package io.constellation.execution;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Details of a run.
 *
 * @param totalDuration wall time of this run (or resume)
 * @param moduleTimings node id → execution time of the call (not the wait for inputs)
 * @param nodeStatuses node id → what happened to it
 * @param provenance data node → id of the node that produced it ({@code input} for inputs, {@code
 *     snapshot} for values carried over from a suspension, {@code resolved} for manual ones)
 * @param cacheHits ids of the nodes served from the cache
 * @param attempts node id → attempts made
 */
public record ExecutionMetadata(
    Duration totalDuration,
    Map<String, Duration> moduleTimings,
    Map<String, NodeStatus> nodeStatuses,
    Map<String, String> provenance,
    Set<String> cacheHits,
    Map<String, Integer> attempts) {
  public ExecutionMetadata {
    requireNonNull(totalDuration, "totalDuration");
    // Insertion-ordered copies (the engine inserts in plan order). Not Map.copyOf: its
    // linear-probing table clusters on node ids like n0..n999 and cost ~0.3 µs per node per map
    // on a 1000-node run (docs/performance.md).
    moduleTimings = frozen(moduleTimings, "moduleTimings");
    nodeStatuses = frozen(nodeStatuses, "nodeStatuses");
    provenance = frozen(provenance, "provenance");
    attempts = frozen(attempts, "attempts");
    Set<String> hits = new LinkedHashSet<>(requireNonNull(cacheHits, "cacheHits"));
    if (hits.contains(null)) {
      throw new NullPointerException("cacheHits contains null");
    }
    cacheHits = Collections.unmodifiableSet(hits);
  }

  private static <V> Map<String, V> frozen(Map<String, V> m, String what) {
    Map<String, V> copy = new LinkedHashMap<>(requireNonNull(m, what));
    if (copy.containsKey(null) || copy.containsValue(null)) {
      throw new NullPointerException(what + " contains null");
    }
    return Collections.unmodifiableMap(copy);
  }
}
