package io.constellation.execution;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Details of a run.
 *
 * @param totalDuration wall time of this run (or resume)
 * @param moduleTimings node id → execution time of the call (not the wait for inputs)
 * @param nodeStatuses node id → what happened to it
 * @param provenance data node → id of the node that produced it ({@code input} for inputs,
 *     {@code snapshot} for values carried over from a suspension, {@code resolved} for manual ones)
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
    moduleTimings = Map.copyOf(moduleTimings);
    nodeStatuses = Map.copyOf(nodeStatuses);
    provenance = Map.copyOf(provenance);
    cacheHits = Set.copyOf(cacheHits);
    attempts = Map.copyOf(attempts);
  }
}
