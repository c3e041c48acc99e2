package io.constellation.suspension;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.UUID;

/**
 * Which suspensions {@code SuspensionStore.list} returns. All present criteria are AND-ed; the
 * resumption-count bounds are inclusive. {@link #all()} matches everything.
 */
public record SuspensionFilter(
    Optional<String> structuralHash,
    Optional<UUID> executionId,
    Optional<Integer> minResumptionCount,
    Optional<Integer> maxResumptionCount) {
  public SuspensionFilter {
    requireNonNull(structuralHash, "structuralHash");
    requireNonNull(executionId, "executionId");
    requireNonNull(minResumptionCount, "minResumptionCount");
    requireNonNull(maxResumptionCount, "maxResumptionCount");
  }

  public static SuspensionFilter all() {
    return new SuspensionFilter(
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  public SuspensionFilter withStructuralHash(String hash) {
    return new SuspensionFilter(
        Optional.of(hash), executionId, minResumptionCount, maxResumptionCount);
  }

  public SuspensionFilter withExecutionId(UUID id) {
    return new SuspensionFilter(
        structuralHash, Optional.of(id), minResumptionCount, maxResumptionCount);
  }

  public SuspensionFilter withMinResumptionCount(int min) {
    return new SuspensionFilter(structuralHash, executionId, Optional.of(min), maxResumptionCount);
  }

  public SuspensionFilter withMaxResumptionCount(int max) {
    return new SuspensionFilter(structuralHash, executionId, minResumptionCount, Optional.of(max));
  }

  /** Whether {@code s} matches every present criterion. */
  public boolean matches(SuspensionSummary s) {
    return structuralHash.map(h -> h.equals(s.structuralHash())).orElse(true)
        && executionId.map(id -> id.equals(s.executionId())).orElse(true)
        && minResumptionCount.map(min -> s.resumptionCount() >= min).orElse(true)
        && maxResumptionCount.map(max -> s.resumptionCount() <= max).orElse(true);
  }
}
