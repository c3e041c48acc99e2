package io.constellation.engine;

import static java.util.Objects.requireNonNull;

import io.constellation.InputConflictException;
import io.constellation.InputTypeMismatchException;
import io.constellation.InputValidationException;
import io.constellation.InvalidResolvedNodeException;
import io.constellation.PipelineNotFoundException;
import io.constellation.PipelineValidationException;
import io.constellation.ResumeInProgressException;
import io.constellation.ShutdownRejectedException;
import io.constellation.SuspensionNotFoundException;
import io.constellation.UnknownInputException;
import io.constellation.cache.CacheBackend;
import io.constellation.execution.CancellableExecution;
import io.constellation.execution.DataSignature;
import io.constellation.execution.ExecutionOptions;
import io.constellation.execution.PipelineStatus;
import io.constellation.module.ModuleInputs;
import io.constellation.module.ModuleRegistry;
import io.constellation.pipeline.PipelineImage;
import io.constellation.spi.TracerProvider;
import io.constellation.suspension.ResumeClaim;
import io.constellation.suspension.SuspendedExecution;
import io.constellation.suspension.SuspensionHandle;
import io.constellation.type.CType;
import io.constellation.type.CTypes;
import io.constellation.type.CValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** The engine behind {@code ConstellationImpl}. Internal: not part of the public API. */
public final class Engine {
  private final ModuleRegistry registry;
  private final EngineConfig config;
  final GuardedMetrics metrics;
  final ListenerBus bus;
  final TimeoutWatchdog watchdog = new TimeoutWatchdog();
  final PriorityGate gate;
  final ExecutorService virtualThreads = Executors.newVirtualThreadPerTaskExecutor();
  final boolean pooledExecutor;
  private final Executor executor;
  private final TracerProvider tracer;
  private final boolean tracing;
  private final ModuleCaller caller;

  /**
   * Plans by structural hash. An image read again from a store (a new instance with an equal DAG)
   * reuses its plan; an image whose DAG differs in names only gets its own plan.
   */
  private final Map<String, ExecutionPlan> plans = new ConcurrentHashMap<>();

  private final Set<Run> active = ConcurrentHashMap.newKeySet();
  private volatile boolean shuttingDown;

  public Engine(ModuleRegistry registry, EngineConfig config) {
    this.registry = requireNonNull(registry, "registry");
    this.config = requireNonNull(config, "config");
    this.metrics = new GuardedMetrics(config.metrics());
    this.bus = new ListenerBus(config.listeners(), config.listenerQueueCapacity(), metrics);
    this.gate = config.maxConcurrency() > 0 ? new PriorityGate(config.maxConcurrency()) : null;
    this.executor = config.executor().orElse(virtualThreads);
    this.pooledExecutor = config.executor().isPresent();
    this.tracer = config.tracer();
    this.tracing = tracer != TracerProvider.noop();
    this.caller = new ModuleCaller(this);
  }

  public ModuleRegistry registry() {
    return registry;
  }

  public EngineConfig config() {
    return config;
  }

  // ---------------------------------------------------------------- pipelines

  /** Resolves {@code name}, {@code name:latest} or {@code sha256:<hex>} in the pipeline store. */
  public PipelineImage load(String ref) {
    requireNonNull(ref, "ref");
    Optional<PipelineImage> image;
    if (ref.startsWith("sha256:")) {
      image = config.pipelineStore().get(ref.substring("sha256:".length()));
    } else {
      String name =
          ref.endsWith(":latest") ? ref.substring(0, ref.length() - ":latest".length()) : ref;
      image = config.pipelineStore().getByName(name);
    }
    PipelineImage found =
        image.orElseThrow(
            () -> new PipelineNotFoundException("no pipeline found for reference '" + ref + "'"));
    verify(found);
    return found;
  }

  /** Checks that every module the image calls is registered with a compatible schema. */
  public void verify(PipelineImage image) {
    requireNonNull(image, "image");
    if (image.registryHash().equals(registry.hash())) {
      return;
    }
    List<String> problems = image.dag().typeProblems(registry::find);
    if (!problems.isEmpty()) {
      List<String> explained = new ArrayList<>();
      for (String p : problems) {
        explained.add(
            p + " (the module is missing or its schema changed since the pipeline was compiled)");
      }
      throw new PipelineValidationException(image.name(), explained);
    }
  }

  private ExecutionPlan plan(PipelineImage image) {
    String key = image.structuralHash();
    ExecutionPlan plan = plans.get(key);
    if (plan != null
        && plan.registryHash.equals(registry.hash())
        && (plan.image == image || plan.image.dag().equals(image.dag()))) {
      return plan;
    }
    verify(image);
    List<String> problems = new ArrayList<>();
    for (var node : image.dag().moduleNodes()) {
      node.options()
          .cacheBackend()
          .filter(name -> !config.namedCaches().containsKey(name))
          .ifPresent(
              name ->
                  problems.add(
                      "node '"
                          + node.id()
                          + "': unknown cache backend '"
                          + name
                          + "'; configured: "
                          + config.namedCaches().keySet()));
    }
    if (!problems.isEmpty()) {
      throw new PipelineValidationException(image.name(), problems);
    }
    plan = ExecutionPlan.of(image, registry);
    if (plans.size() > 1024) {
      plans.clear();
    }
    plans.put(key, plan);
    return plan;
  }

  // ---------------------------------------------------------------- runs

  public DataSignature run(
      PipelineImage image, Map<String, CValue> inputs, ExecutionOptions options) {
    Run run = prepareRun(image, inputs, options);
    return execute(run);
  }

  public CompletableFuture<DataSignature> runAsync(
      PipelineImage image, Map<String, CValue> inputs, ExecutionOptions options) {
    Run run;
    try {
      run = prepareRun(image, inputs, options);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    startAsync(run);
    return run.result();
  }

  public CancellableExecution runCancellable(
      PipelineImage image, Map<String, CValue> inputs, ExecutionOptions options) {
    Run run = prepareRun(image, inputs, options);
    startAsync(run);
    return run;
  }

  private void startAsync(Run run) {
    virtualThreads.execute(
        () -> {
          try {
            execute(run);
          } catch (RuntimeException e) {
            run.result().completeExceptionally(e);
          }
        });
  }

  private Run prepareRun(
      PipelineImage image, Map<String, CValue> inputs, ExecutionOptions options) {
    requireNonNull(image, "image");
    requireNonNull(inputs, "inputs");
    requireNonNull(options, "options");
    rejectIfShuttingDown();
    ExecutionPlan plan = plan(image);
    Map<String, CValue> validated = validateInputs(plan, inputs);
    return newRun(
        plan,
        randomUuid(),
        validated,
        Map.of(),
        Map.of(),
        0,
        Optional.empty(),
        config.clock().instant(),
        options);
  }

  private Run newRun(
      ExecutionPlan plan,
      UUID id,
      Map<String, CValue> inputs,
      Map<String, CValue> carried,
      Map<String, CValue> resolved,
      int resumptionCount,
      Optional<SuspensionHandle> handle,
      Instant createdAt,
      ExecutionOptions options) {
    Run run =
        new Run(
            this,
            plan,
            id,
            inputs,
            carried,
            resolved,
            resumptionCount,
            handle,
            createdAt,
            options.saveSuspended(),
            options.includeMetadata(),
            options.timeout().or(config::defaultTimeout));
    active.add(run);
    if (shuttingDown) {
      active.remove(run);
      throw new ShutdownRejectedException("the engine is shutting down and takes no new runs");
    }
    return run;
  }

  /** Runs on the calling thread until the run ends (inside the tracer's execute span). */
  private DataSignature execute(Run run) {
    try {
      if (!tracing) {
        startAndHelp(run, null);
        return run.await();
      }
      Map<String, String> attrs = Map.of("dag_name", run.plan.dag.name());
      return tracer.span(
          "execute(" + run.plan.dag.name() + ")",
          attrs,
          tracer.currentContext(),
          () -> {
            startAndHelp(run, safeContext());
            DataSignature s = run.await();
            safeAttribute("status", s.status().name());
            return s;
          });
    } catch (InterruptedException e) {
      run.terminate(PipelineStatus.CANCELLED);
      Thread.currentThread().interrupt();
      return run.result().join();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Starts {@code run} and lets the calling thread, which would only wait, execute the first ready
   * task chain itself: a single-module or chain pipeline then needs no thread hand-off. Not done
   * with a custom executor (modules must run there) or a run-level timeout (the caller must stay
   * free to end the run on time).
   */
  private void startAndHelp(Run run, TracerProvider.SpanContext parent) {
    boolean help = !pooledExecutor && run.timeout.isEmpty();
    int first = run.start(parent, help);
    if (first >= 0) {
      run.runFrom(first);
      if (run.endedByInterrupt()) {
        // a cancel or shutdown interrupts running modules: do not leave that on the caller
        Thread.interrupted();
      }
    }
  }

  private TracerProvider.SpanContext safeContext() {
    try {
      return tracer.currentContext();
    } catch (RuntimeException e) {
      RateLimitedLog.warn("tracer failed", e);
      return null;
    }
  }

  private void safeAttribute(String k, String v) {
    try {
      tracer.setAttribute(k, v);
    } catch (RuntimeException e) {
      RateLimitedLog.warn("tracer failed", e);
    }
  }

  CallOutcome callWithSpan(Run run, ExecutionPlan.Task task, ModuleInputs inputs) {
    if (!tracing) {
      return caller.call(run, task, inputs);
    }
    CallOutcome[] ran = new CallOutcome[1];
    try {
      return tracer.span(
          task.spanName,
          task.spanAttributes,
          run.spanParent(),
          () -> {
            CallOutcome o = caller.call(run, task, inputs);
            ran[0] = o;
            safeAttribute("attempts", Integer.toString(o.attempts));
            safeAttribute("cache_hit", Boolean.toString(o.cacheHit));
            if (o.kind == CallOutcome.Kind.FAILURE && o.error instanceof Exception e) {
              throw new TracedFailure(o, e);
            }
            return o;
          });
    } catch (TracedFailure f) {
      return f.outcome;
    } catch (Exception e) {
      RateLimitedLog.warn("tracer failed around module " + task.module.name(), e);
      // never run a module twice because the tracer failed around it
      return ran[0] != null ? ran[0] : caller.call(run, task, inputs);
    }
  }

  /** Carries a failed outcome through the tracer so it records the error on the span. */
  private static final class TracedFailure extends Exception {
    private static final long serialVersionUID = 1L;
    final transient CallOutcome outcome;

    TracedFailure(CallOutcome outcome, Exception cause) {
      super(cause.getMessage(), cause, false, false);
      this.outcome = outcome;
    }
  }

  void submit(Run run, int task) {
    try {
      executor.execute(() -> run.runFrom(task));
    } catch (RuntimeException e) {
      // executor rejected (shut down): run it here rather than lose it
      run.runFrom(task);
    }
  }

  void finished(Run run) {
    active.remove(run);
  }

  CacheBackend cacheFor(Optional<String> name) {
    if (name.isEmpty()) {
      return config.cache();
    }
    CacheBackend b = config.namedCaches().get(name.get());
    if (b == null) {
      throw new PipelineValidationException(
          "cache",
          List.of(
              "unknown cache backend '"
                  + name.get()
                  + "'; configured: "
                  + config.namedCaches().keySet()));
    }
    return b;
  }

  void schedulerGauges() {
    if (metrics.enabled && gate != null) {
      metrics.gauge("constellation.scheduler.active", gate.active(), Map.of());
      metrics.gauge("constellation.scheduler.queued", gate.queued(), Map.of());
    }
  }

  private static UUID randomUuid() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    long msb = (r.nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb);
  }

  private Map<String, CValue> validateInputs(ExecutionPlan plan, Map<String, CValue> inputs) {
    Map<String, CType> declared = plan.dag.inputs();
    List<String> problems = new ArrayList<>();
    Map<String, CValue> out = new LinkedHashMap<>();
    inputs.forEach(
        (name, value) -> {
          CType type = declared.get(name);
          if (type == null) {
            problems.add(
                "unknown input '" + name + "'; the pipeline's inputs are " + declared.keySet());
          } else if (value == null) {
            problems.add("input '" + name + "' is null");
          } else if (!CTypes.conforms(value, type)) {
            problems.add("input '" + name + "': expected " + type + " but was " + value.type());
          } else {
            out.put(name, value);
          }
        });
    if (!problems.isEmpty()) {
      throw new InputValidationException(problems);
    }
    declared.forEach(
        (name, type) -> {
          if (!out.containsKey(name) && type instanceof CType.COptional o) {
            out.put(name, CValue.none(o.inner()));
          }
        });
    return out;
  }

  // ---------------------------------------------------------------- resume

  public DataSignature resume(
      SuspensionHandle handle,
      Map<String, CValue> additionalInputs,
      Map<String, CValue> resolvedNodes,
      ExecutionOptions options) {
    requireNonNull(handle, "handle");
    rejectIfShuttingDown();
    var store = config.suspensionStore();
    SuspendedExecution suspended =
        store
            .load(handle)
            .orElseThrow(
                () ->
                    new SuspensionNotFoundException(
                        "no suspension stored under handle '" + handle + "'"));
    Optional<ResumeClaim> claimed = store.claim(handle, config.resumeLease());
    if (claimed.isEmpty()) {
      // Stores differ on claiming a handle whose suspension is gone (a conditional UPDATE finds no
      // row; a claim key can still be set): tell "finished meanwhile" apart from "in progress".
      if (store.load(handle).isEmpty()) {
        throw new SuspensionNotFoundException(
            "suspension '" + handle + "' was already resumed to completion");
      }
      throw new ResumeInProgressException(
          "suspension '" + handle + "' is being resumed by another request");
    }
    // renewed every lease/3 while the resume runs; the final write is fenced by it
    ClaimKeeper keeper = new ClaimKeeper(store, claimed.get(), config.resumeLease());
    keeper.start(virtualThreads);
    try {
      // reload under the claim: another node may have resumed it meanwhile
      SuspendedExecution current =
          store
              .load(handle)
              .orElseThrow(
                  () ->
                      new SuspensionNotFoundException(
                          "suspension '" + handle + "' was already resumed to completion"));
      if (current.resumptionCount() != suspended.resumptionCount()) {
        suspended = current;
      }
      return resumeInternal(
          suspended, Optional.of(keeper), additionalInputs, resolvedNodes, options);
    } finally {
      keeper.stop();
      try {
        store.release(keeper.current());
      } catch (RuntimeException e) {
        RateLimitedLog.warn("releasing the claim on " + handle + " failed", e);
      }
    }
  }

  public DataSignature resume(
      SuspendedExecution suspended,
      Map<String, CValue> additionalInputs,
      Map<String, CValue> resolvedNodes,
      ExecutionOptions options) {
    requireNonNull(suspended, "suspended");
    rejectIfShuttingDown();
    return resumeInternal(suspended, Optional.empty(), additionalInputs, resolvedNodes, options);
  }

  private DataSignature resumeInternal(
      SuspendedExecution s,
      Optional<ClaimKeeper> claim,
      Map<String, CValue> additionalInputs,
      Map<String, CValue> resolvedNodes,
      ExecutionOptions options) {
    requireNonNull(additionalInputs, "additionalInputs");
    requireNonNull(resolvedNodes, "resolvedNodes");
    requireNonNull(options, "options");
    ExecutionPlan plan = plan(s.image());
    Map<String, CType> declared = plan.dag.inputs();
    Map<String, CValue> inputs = new LinkedHashMap<>(s.inputs());
    for (Map.Entry<String, CValue> e : additionalInputs.entrySet()) {
      String name = e.getKey();
      CValue v = e.getValue();
      CType type = declared.get(name);
      if (type == null) {
        throw new UnknownInputException(
            "unknown input '" + name + "'; the pipeline's inputs are " + declared.keySet());
      }
      if (v == null || !CTypes.conforms(v, type)) {
        throw new InputTypeMismatchException(
            "input '"
                + name
                + "': expected "
                + type
                + " but was "
                + (v == null ? "null" : v.type()));
      }
      CValue previous = inputs.get(name);
      if (previous != null && !previous.equals(v)) {
        throw new InputConflictException(
            "input '"
                + name
                + "' was already provided with a different value ("
                + previous
                + ", now "
                + v
                + ")");
      }
      inputs.put(name, v);
    }
    for (Map.Entry<String, CValue> e : resolvedNodes.entrySet()) {
      String name = e.getKey();
      Integer d = plan.dataIndex.get(name);
      if (d == null) {
        throw new InvalidResolvedNodeException(
            "resolved node '" + name + "' is not a data node of the pipeline");
      }
      if (plan.producer[d] < 0) {
        throw new InvalidResolvedNodeException(
            "resolved node '" + name + "' is an input; pass it in additionalInputs");
      }
      if (e.getValue() == null || !CTypes.conforms(e.getValue(), plan.dataTypes[d])) {
        throw new InvalidResolvedNodeException(
            "resolved node '"
                + name
                + "': expected "
                + plan.dataTypes[d]
                + " but was "
                + (e.getValue() == null ? "null" : e.getValue().type()));
      }
      if (s.computedValues().containsKey(name)) {
        throw new InvalidResolvedNodeException("resolved node '" + name + "' was already computed");
      }
    }
    Optional<SuspensionHandle> handle = claim.map(ClaimKeeper::handle);
    Run run =
        newRun(
            plan,
            s.executionId(),
            inputs,
            s.computedValues(),
            resolvedNodes,
            s.resumptionCount() + 1,
            handle,
            s.createdAt(),
            options);
    run.claim = claim.orElse(null);
    return execute(run);
  }

  private void rejectIfShuttingDown() {
    if (shuttingDown) {
      throw new ShutdownRejectedException("the engine is shutting down and takes no new runs");
    }
  }

  // ---------------------------------------------------------------- shutdown

  public void shutdown(Duration drain) {
    requireNonNull(drain, "drain");
    if (shuttingDown) {
      return;
    }
    shuttingDown = true;
    long deadline = System.nanoTime() + drain.toNanos();
    while (!active.isEmpty() && System.nanoTime() < deadline) {
      try {
        TimeUnit.MILLISECONDS.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    for (Run r : List.copyOf(active)) {
      r.terminate(PipelineStatus.CANCELLED);
    }
    bus.close(Duration.ofSeconds(5));
    watchdog.stop();
    virtualThreads.shutdown();
  }
}
