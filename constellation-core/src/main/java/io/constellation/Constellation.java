package io.constellation;

import io.constellation.execution.CancellableExecution;
import io.constellation.execution.DataSignature;
import io.constellation.execution.ExecutionOptions;
import io.constellation.module.Module;
import io.constellation.module.ModuleRegistry;
import io.constellation.pipeline.PipelineImage;
import io.constellation.suspension.SuspendedExecution;
import io.constellation.suspension.SuspensionHandle;
import io.constellation.type.CValue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The engine: registers modules, runs pipelines, suspends and resumes them. Made by {@link
 * ConstellationImpl#builder()}.
 *
 * <p>Thread-safety: every method is safe to call concurrently. {@code run} and {@code resume} block
 * the caller until the run ends; modules run on virtual threads.
 */
public interface Constellation extends AutoCloseable {

  /**
   * Runs {@code image} with {@code inputs}. Validation errors throw {@link
   * InputValidationException} before anything executes; every other outcome (module failures,
   * missing inputs, timeouts) is reported in the returned {@link DataSignature}.
   */
  DataSignature run(PipelineImage image, Map<String, CValue> inputs, ExecutionOptions options);

  default DataSignature run(PipelineImage image, Map<String, CValue> inputs) {
    return run(image, inputs, ExecutionOptions.DEFAULT);
  }

  /**
   * Runs a stored pipeline by alias ({@code name} or {@code name:latest}) or {@code sha256:<hex>}.
   *
   * @throws PipelineNotFoundException when {@code ref} does not resolve
   */
  DataSignature run(String ref, Map<String, CValue> inputs, ExecutionOptions options);

  default DataSignature run(String ref, Map<String, CValue> inputs) {
    return run(ref, inputs, ExecutionOptions.DEFAULT);
  }

  /**
   * {@link #run} without blocking the caller. Validation errors complete the future exceptionally.
   */
  CompletableFuture<DataSignature> runAsync(
      PipelineImage image, Map<String, CValue> inputs, ExecutionOptions options);

  default CompletableFuture<DataSignature> runAsync(
      PipelineImage image, Map<String, CValue> inputs) {
    return runAsync(image, inputs, ExecutionOptions.DEFAULT);
  }

  /** Starts a run that can be cancelled. */
  CancellableExecution runCancellable(
      PipelineImage image, Map<String, CValue> inputs, ExecutionOptions options);

  default CancellableExecution runCancellable(PipelineImage image, Map<String, CValue> inputs) {
    return runCancellable(image, inputs, ExecutionOptions.DEFAULT);
  }

  /**
   * Resumes a saved suspension: loads it, claims it exclusively, validates {@code additionalInputs}
   * and {@code resolvedNodes}, reuses every computed value and runs the rest.
   *
   * @throws SuspensionNotFoundException when nothing is stored under {@code handle}
   * @throws ResumeInProgressException when another resume of it is running
   * @throws ClaimLostException when the resume lost its claim (its lease could not be renewed and
   *     may have been taken over) before its final write; nothing was written, and {@link
   *     ClaimLostException#result()} holds the run's result
   * @throws UnknownInputException, InputTypeMismatchException, InputConflictException,
   *     InvalidResolvedNodeException when the new values are invalid (the name is in the message)
   */
  DataSignature resume(
      SuspensionHandle handle,
      Map<String, CValue> additionalInputs,
      Map<String, CValue> resolvedNodes,
      ExecutionOptions options);

  default DataSignature resume(SuspensionHandle handle, Map<String, CValue> additionalInputs) {
    return resume(handle, additionalInputs, Map.of(), ExecutionOptions.DEFAULT);
  }

  /** Resumes from a snapshot held by the caller (not claimed in a store). */
  DataSignature resume(
      SuspendedExecution suspended,
      Map<String, CValue> additionalInputs,
      Map<String, CValue> resolvedNodes,
      ExecutionOptions options);

  default DataSignature resume(SuspendedExecution suspended, Map<String, CValue> additionalInputs) {
    return resume(suspended, additionalInputs, Map.of(), ExecutionOptions.DEFAULT);
  }

  /** Registers (or replaces) a module. */
  void setModule(Module module);

  /** All registered modules, sorted by name. */
  List<Module> getModules();

  /** The module registered under {@code name} (exact or short name). */
  Optional<Module> getModule(String name);

  /** Removes a module; returns whether it was registered. */
  boolean removeModule(String name);

  /** The module registry (for compilers and pipeline builders). */
  ModuleRegistry registry();

  PipelineStore pipelineStore();

  SuspensionStore suspensionStore();

  /**
   * Type-checks {@code image} against the registered modules and, when the image was compiled
   * against another registry, verifies every called module still has the same schema.
   *
   * @throws PipelineValidationException naming each missing or changed module
   */
  void verify(PipelineImage image);

  /**
   * Stops taking runs ({@link ShutdownRejectedException}), gives in-flight runs {@code drain} to
   * finish, cancels the rest, flushes listener queues. Idempotent.
   */
  void shutdown(Duration drain);

  /** {@code shutdown(Duration.ofSeconds(30))}. */
  @Override
  default void close() {
    shutdown(Duration.ofSeconds(30));
  }
}
