package io.constellation.execution;

import static java.util.Objects.requireNonNull;

import io.constellation.suspension.SuspendedExecution;
import io.constellation.suspension.SuspensionHandle;
import io.constellation.type.CType;
import io.constellation.type.CValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The result of a run or resume.
 *
 * @param executionId the id listeners and metrics saw (kept across resumes)
 * @param structuralHash the pipeline's structural hash
 * @param status how the run ended
 * @param inputs every input provided so far
 * @param outputs declared output name → value, for the outputs computed
 * @param computedNodes data node name → value, for every data node available (inputs included)
 * @param missingInputs inputs still missing, name → type (non-empty only when suspended)
 * @param pendingOutputs declared outputs not computed
 * @param errors one per failed module
 * @param resumptionCount how many resumes led to this result
 * @param suspensionHandle present when the suspension was saved to a store
 * @param suspendedState the snapshot to resume from, present when suspended
 * @param metadata timings, statuses, provenance and cache hits, when requested
 */
public record DataSignature(
    UUID executionId,
    String structuralHash,
    PipelineStatus status,
    Map<String, CValue> inputs,
    Map<String, CValue> outputs,
    Map<String, CValue> computedNodes,
    Map<String, CType> missingInputs,
    Set<String> pendingOutputs,
    List<ExecutionError> errors,
    int resumptionCount,
    Optional<SuspensionHandle> suspensionHandle,
    Optional<SuspendedExecution> suspendedState,
    Optional<ExecutionMetadata> metadata) {
  public DataSignature {
    requireNonNull(executionId, "executionId");
    requireNonNull(structuralHash, "structuralHash");
    requireNonNull(status, "status");
    inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
    outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    computedNodes = Collections.unmodifiableMap(new LinkedHashMap<>(computedNodes));
    missingInputs = Collections.unmodifiableMap(new LinkedHashMap<>(missingInputs));
    pendingOutputs = Set.copyOf(pendingOutputs);
    errors = List.copyOf(errors);
    requireNonNull(suspensionHandle, "suspensionHandle");
    requireNonNull(suspendedState, "suspendedState");
    requireNonNull(metadata, "metadata");
  }

  /** The output named {@code name}. */
  public Optional<CValue> output(String name) {
    return Optional.ofNullable(outputs.get(name));
  }

  public boolean isCompleted() {
    return status == PipelineStatus.COMPLETED;
  }

  public boolean isSuspended() {
    return status == PipelineStatus.SUSPENDED;
  }
}
