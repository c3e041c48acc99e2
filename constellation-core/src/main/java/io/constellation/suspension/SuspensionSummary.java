package io.constellation.suspension;

import static java.util.Objects.requireNonNull;

import io.constellation.type.CType;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** What {@code SuspensionStore.list} returns about each saved suspension. */
public record SuspensionSummary(
    SuspensionHandle handle,
    UUID executionId,
    String structuralHash,
    int resumptionCount,
    Map<String, CType> missingInputs,
    Instant createdAt,
    Optional<Instant> lastResumedAt) {
  public SuspensionSummary {
    requireNonNull(handle, "handle");
    requireNonNull(executionId, "executionId");
    requireNonNull(structuralHash, "structuralHash");
    missingInputs = Collections.unmodifiableMap(new LinkedHashMap<>(missingInputs));
    requireNonNull(createdAt, "createdAt");
    requireNonNull(lastResumedAt, "lastResumedAt");
  }
}
