package io.constellation.suspension;

import static java.util.Objects.requireNonNull;

import io.constellation.pipeline.PipelineImage;
import io.constellation.type.CType;
import io.constellation.type.CValue;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A snapshot of a suspended run: enough to resume it on any engine that has the modules it calls.
 * Serialized by {@link SuspensionCodec}.
 *
 * @param executionId the run's id (kept across resumes)
 * @param image the pipeline (self-contained, so a resume does not depend on a pipeline store)
 * @param inputs the inputs provided so far
 * @param computedValues every computed data node (module and expression results, resolved nodes)
 * @param missingInputs inputs still missing, name → type
 * @param resumptionCount how many times this run was resumed
 * @param createdAt when the run first suspended
 * @param lastResumedAt when it was last resumed
 */
public record SuspendedExecution(
    UUID executionId,
    PipelineImage image,
    Map<String, CValue> inputs,
    Map<String, CValue> computedValues,
    Map<String, CType> missingInputs,
    int resumptionCount,
    Instant createdAt,
    Optional<Instant> lastResumedAt) {
  public SuspendedExecution {
    requireNonNull(executionId, "executionId");
    requireNonNull(image, "image");
    inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
    computedValues = Collections.unmodifiableMap(new LinkedHashMap<>(computedValues));
    missingInputs = Collections.unmodifiableMap(new LinkedHashMap<>(missingInputs));
    requireNonNull(createdAt, "createdAt");
    requireNonNull(lastResumedAt, "lastResumedAt");
    if (resumptionCount < 0) {
      throw new IllegalArgumentException("resumptionCount must not be negative");
    }
  }

  /** The structural hash of the pipeline. */
  public String structuralHash() {
    return image.structuralHash();
  }

  /** A summary for listings. */
  public SuspensionSummary summary(SuspensionHandle handle) {
    return new SuspensionSummary(
        handle,
        executionId,
        structuralHash(),
        resumptionCount,
        missingInputs,
        createdAt,
        lastResumedAt);
  }
}
