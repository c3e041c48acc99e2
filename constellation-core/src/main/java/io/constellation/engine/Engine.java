package io.constellation.engine;

import io.constellation.execution.CancellableExecution;
import io.constellation.execution.DataSignature;
import io.constellation.execution.ExecutionOptions;
import io.constellation.module.ModuleRegistry;
import io.constellation.pipeline.PipelineImage;
import io.constellation.suspension.SuspendedExecution;
import io.constellation.suspension.SuspensionHandle;
import io.constellation.type.CValue;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The engine behind {@code ConstellationImpl}. Internal. */
public final class Engine {
  private final ModuleRegistry registry;
  private final EngineConfig config;

  public Engine(ModuleRegistry registry, EngineConfig config) {
    this.registry = registry;
    this.config = config;
  }

  public ModuleRegistry registry() {
    return registry;
  }

  public EngineConfig config() {
    return config;
  }

  public PipelineImage load(String ref) {
    throw new UnsupportedOperationException("engine in progress");
  }

  public void verify(PipelineImage image) {
    throw new UnsupportedOperationException("engine in progress");
  }

  public DataSignature run(PipelineImage image, Map<String, CValue> inputs, ExecutionOptions options) {
    throw new UnsupportedOperationException("engine in progress");
  }

  public CompletableFuture<DataSignature> runAsync(
      PipelineImage image, Map<String, CValue> inputs, ExecutionOptions options) {
    throw new UnsupportedOperationException("engine in progress");
  }

  public CancellableExecution runCancellable(
      PipelineImage image, Map<String, CValue> inputs, ExecutionOptions options) {
    throw new UnsupportedOperationException("engine in progress");
  }

  public DataSignature resume(
      SuspensionHandle handle,
      Map<String, CValue> additionalInputs,
      Map<String, CValue> resolvedNodes,
      ExecutionOptions options) {
    throw new UnsupportedOperationException("engine in progress");
  }

  public DataSignature resume(
      SuspendedExecution suspended,
      Map<String, CValue> additionalInputs,
      Map<String, CValue> resolvedNodes,
      ExecutionOptions options) {
    throw new UnsupportedOperationException("engine in progress");
  }

  public void shutdown(Duration drain) {
    throw new UnsupportedOperationException("engine in progress");
  }
}
