package io.constellation.engine;

import io.constellation.ClaimLostException;
import io.constellation.StoreException;
import io.constellation.SuspensionSaveException;
import io.constellation.SuspensionStore;
import io.constellation.execution.CancellableExecution;
import io.constellation.execution.DataSignature;
import io.constellation.execution.ExecutionError;
import io.constellation.execution.ExecutionMetadata;
import io.constellation.execution.NodeStatus;
import io.constellation.execution.PipelineStatus;
import io.constellation.module.ModuleInputs;
import io.constellation.pipeline.ExpressionNode;
import io.constellation.spi.TracerProvider;
import io.constellation.suspension.SuspendedExecution;
import io.constellation.suspension.SuspensionHandle;
import io.constellation.type.CType;
import io.constellation.type.CValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * One execution (a run or a resume): dataflow state, scheduling, completion. A task starts as soon
 * as its inputs exist; a thread that completes a task continues with one newly ready task itself
 * and hands the others to the executor, so a chain runs on one thread.
 */
final class Run implements CancellableExecution {
  static final int WAITING = 0;
  static final int RUNNING = 1;
  static final int DONE = 2;
  static final int FAILED = 3;
  static final int SKIPPED = 4;
  static final int PENDING = 5;
  static final int CANCELLED = 6;

  private static final int EVENTS_CLOSED = Integer.MIN_VALUE;

  final Engine engine;
  final ExecutionPlan plan;
  final UUID executionId;
  final int resumptionCount;
  final Optional<SuspensionHandle> existingHandle;

  /** The claim of a resume from {@link #existingHandle}; set before {@link #start}. */
  volatile ClaimKeeper claim;

  final Instant createdAt;
  final boolean saveSuspended;
  final boolean includeMetadata;
  final Optional<Duration> timeout;

  final AtomicReferenceArray<CValue> values;
  final String[] provenance;
  private final AtomicIntegerArray remaining;
  private final AtomicIntegerArray status;
  private final AtomicInteger outstanding = new AtomicInteger();
  private final AtomicLongArray execStart;
  private final AtomicLongArray durations;
  private final AtomicIntegerArray attempts;
  private final AtomicIntegerArray cacheHits;
  private final ConcurrentLinkedQueue<ExecutionError> errors = new ConcurrentLinkedQueue<>();

  /** task → the thread running its call (null when none): cancellation interrupts these. */
  private final AtomicReferenceArray<Thread> running;

  private final CompletableFuture<DataSignature> result = new CompletableFuture<>();
  private final AtomicInteger terminal = new AtomicInteger(-1);
  private final AtomicInteger eventGate = new AtomicInteger();
  private final AtomicIntegerArray eventState;
  private final Map<String, CValue> providedInputs;
  private final Map<String, CType> missingInputs;
  private final boolean events;
  private volatile TracerProvider.SpanContext spanParent;
  private long startNanos;

  Run(
      Engine engine,
      ExecutionPlan plan,
      UUID executionId,
      Map<String, CValue> inputs,
      Map<String, CValue> carried,
      Map<String, CValue> resolved,
      int resumptionCount,
      Optional<SuspensionHandle> existingHandle,
      Instant createdAt,
      boolean saveSuspended,
      boolean includeMetadata,
      Optional<Duration> timeout) {
    this.engine = engine;
    this.plan = plan;
    this.executionId = executionId;
    this.resumptionCount = resumptionCount;
    this.existingHandle = existingHandle;
    this.createdAt = createdAt;
    this.saveSuspended = saveSuspended;
    this.includeMetadata = includeMetadata;
    this.timeout = timeout;
    int n = plan.dataNames.length;
    int t = plan.tasks.length;
    values = new AtomicReferenceArray<>(n);
    provenance = includeMetadata ? new String[n] : null;
    remaining = new AtomicIntegerArray(t);
    status = new AtomicIntegerArray(t);
    execStart = new AtomicLongArray(t);
    durations = new AtomicLongArray(t);
    attempts = new AtomicIntegerArray(t);
    cacheHits = new AtomicIntegerArray(t);
    eventState = new AtomicIntegerArray(t);
    running = new AtomicReferenceArray<>(t);
    events = !engine.bus.isEmpty();
    providedInputs = new LinkedHashMap<>(inputs);
    missingInputs = new LinkedHashMap<>();
    for (int d : plan.inputData) {
      String name = plan.dataNames[d];
      CValue v = inputs.get(name);
      if (v != null) {
        values.set(d, v);
        provenance(d, "input");
      } else {
        missingInputs.put(name, plan.dataTypes[d]);
      }
    }
    carried.forEach(
        (name, v) -> {
          Integer d = plan.dataIndex.get(name);
          if (d != null && values.get(d) == null) {
            values.set(d, v);
            provenance(d, "snapshot");
          }
        });
    resolved.forEach(
        (name, v) -> {
          int d = plan.dataIndex.get(name);
          values.set(d, v);
          provenance(d, "resolved");
        });
  }

  private void provenance(int d, String source) {
    if (provenance != null) {
      provenance[d] = source;
    }
  }

  @Override
  public UUID executionId() {
    return executionId;
  }

  @Override
  public CompletableFuture<DataSignature> result() {
    return result;
  }

  @Override
  public boolean cancel() {
    return terminate(PipelineStatus.CANCELLED);
  }

  /** Whether the run ended by cancellation or timeout, which interrupts running modules. */
  boolean endedByInterrupt() {
    int t = terminal.get();
    return t == PipelineStatus.CANCELLED.ordinal() || t == PipelineStatus.TIMED_OUT.ordinal();
  }

  boolean isTerminated() {
    return terminal.get() >= 0;
  }

  /**
   * Starts the run: emits the start event and schedules every ready task. With {@code keepOne}, one
   * ready task is not scheduled but returned, for the caller to run itself; otherwise (and when
   * nothing is ready) returns -1.
   */
  int start(TracerProvider.SpanContext parent, boolean keepOne) {
    this.spanParent = parent;
    startNanos = System.nanoTime();
    String dag = plan.dag.name();
    engine.metrics.counter("constellation.execution.started", Map.of("dag_name", dag));
    if (events) {
      UUID id =
          executionId; // lambdas capture the id, not this run (queued events must not pin runs)
      engine.bus.publish(l -> l.onExecutionStart(id, dag));
    }
    ExecutionPlan.Task[] tasks = plan.tasks;
    boolean[] available = new boolean[plan.dataNames.length];
    for (int d = 0; d < available.length; d++) {
      available[d] = values.get(d) != null;
    }
    int count = 0;
    List<Integer> ready = new ArrayList<>();
    for (int ti : plan.topoOrder) {
      ExecutionPlan.Task task = tasks[ti];
      boolean reachable = true;
      int missing = 0;
      for (int d : task.distinctInputs) {
        if (!available[d]) {
          reachable = false;
          break;
        }
        if (values.get(d) == null) {
          missing++;
        }
      }
      if (!reachable) {
        status.set(ti, PENDING);
        continue;
      }
      boolean precomputed = true;
      for (int d : task.outputData) {
        precomputed &= values.get(d) != null;
        available[d] = true;
      }
      if (precomputed) {
        status.set(ti, DONE);
        continue;
      }
      remaining.set(ti, missing);
      count++;
      if (missing == 0) {
        ready.add(ti);
      }
    }
    outstanding.set(count);
    if (count == 0) {
      finish();
      return -1;
    }
    int kept = keepOne ? ready.get(0) : -1;
    for (int i = keepOne ? 1 : 0; i < ready.size(); i++) {
      engine.submit(this, ready.get(i));
    }
    return kept;
  }

  /** Executes task {@code first} and then, on this thread, one successor at a time. */
  void runFrom(int first) {
    try {
      int next = first;
      while (next >= 0 && !isTerminated()) {
        next = execute(next);
      }
    } finally {
      if (engine.pooledExecutor) {
        Thread.interrupted();
      }
    }
  }

  private int execute(int ti) {
    if (!status.compareAndSet(ti, WAITING, RUNNING)) {
      return -1;
    }
    ExecutionPlan.Task task = plan.tasks[ti];
    if (!task.isModule()) {
      return evaluate(task);
    }
    ModuleInputs inputs = new ModuleInputs(inputMap(task));
    UUID moduleId = plan.taskIds[ti];
    String moduleName = task.module.name();
    engine.metrics.counter("constellation.module.started", task.metricTags);
    if (events && enterEvents()) {
      try {
        if (eventState.compareAndSet(ti, 0, 1)) {
          UUID id = executionId;
          engine.bus.publish(l -> l.onModuleStart(id, moduleId, moduleName));
        }
      } finally {
        exitEvents();
      }
    }
    CallOutcome outcome;
    running.set(ti, Thread.currentThread());
    try {
      if (isTerminated()) {
        // terminate() may have scanned the slots before this one was set
        outcome = CallOutcome.cancelled(0);
      } else {
        outcome = engine.callWithSpan(this, task, inputs);
      }
    } catch (Throwable t) {
      outcome = CallOutcome.failure(t, ModuleCaller.describe(t), 0);
    } finally {
      running.set(ti, null);
    }
    long start = execStart.get(ti);
    long nanos = start == 0 ? 0 : System.nanoTime() - start;
    durations.set(ti, nanos);
    attempts.set(ti, outcome.attempts);
    if (outcome.cacheHit) {
      cacheHits.set(ti, 1);
    }
    switch (outcome.kind) {
      case SUCCESS -> {
        engine.metrics.counter("constellation.module.completed", task.metricTags);
        engine.metrics.histogram("constellation.module.duration_ms", nanos / 1e6, task.metricTags);
        if (events && enterEvents()) {
          try {
            if (eventState.compareAndSet(ti, 1, 2)) {
              long ms = nanos / 1_000_000;
              boolean hit = outcome.cacheHit;
              UUID id = executionId;
              engine.bus.publish(
                  l -> {
                    if (hit) {
                      l.onModuleCacheHit(id, moduleId, moduleName);
                    }
                    l.onModuleComplete(id, moduleId, moduleName, ms);
                  });
            }
          } finally {
            exitEvents();
          }
        }
        return completed(task, outcome.outputs);
      }
      case FAILURE -> {
        engine.metrics.counter("constellation.module.failed", task.metricTags);
        engine.metrics.histogram("constellation.module.duration_ms", nanos / 1e6, task.metricTags);
        Throwable error = outcome.error;
        if (events && enterEvents()) {
          try {
            if (eventState.compareAndSet(ti, 1, 2)) {
              UUID id = executionId;
              engine.bus.publish(l -> l.onModuleFailed(id, moduleId, moduleName, error));
            }
          } finally {
            exitEvents();
          }
        }
        failed(task, outcome.message, error, outcome.attempts);
        return -1;
      }
      default -> {
        status.compareAndSet(ti, RUNNING, CANCELLED);
        return -1;
      }
    }
  }

  /** The call's inputs; immutable maps so {@link ModuleInputs} does not copy them again. */
  private Map<String, CValue> inputMap(ExecutionPlan.Task task) {
    String[] ps = task.params;
    int[] pd = task.paramData;
    switch (ps.length) {
      case 0:
        return Map.of();
      case 1:
        return Map.of(ps[0], values.get(pd[0]));
      case 2:
        return Map.of(ps[0], values.get(pd[0]), ps[1], values.get(pd[1]));
      default:
        Map<String, CValue> in = new HashMap<>(ps.length * 2);
        for (int p = 0; p < ps.length; p++) {
          in.put(ps[p], values.get(pd[p]));
        }
        return in;
    }
  }

  private int evaluate(ExecutionPlan.Task task) {
    ExpressionNode node = (ExpressionNode) task.node;
    Map<String, CValue> vars = new HashMap<>(task.params.length * 2);
    for (int p = 0; p < task.params.length; p++) {
      vars.put(task.params[p], values.get(task.paramData[p]));
    }
    CValue v;
    try {
      v = node.expression().evaluate(vars);
    } catch (RuntimeException e) {
      failed(task, ModuleCaller.describe(e), e, 1);
      return -1;
    }
    return completed(task, new CValue[] {v});
  }

  /** Publishes outputs, schedules newly ready tasks, returns one to run inline (or -1). */
  private int completed(ExecutionPlan.Task task, CValue[] outputs) {
    int inline = -1;
    for (int i = 0; i < outputs.length; i++) {
      int d = task.outputData[i];
      if (!values.compareAndSet(d, null, outputs[i])) {
        continue;
      }
      if (provenance != null) {
        provenance[d] = task.node.id();
      }
      for (int c : plan.consumers[d]) {
        if (status.get(c) == WAITING && remaining.decrementAndGet(c) == 0) {
          if (inline < 0) {
            inline = c;
          } else {
            engine.submit(this, c);
          }
        }
      }
    }
    status.set(task.index, DONE);
    if (outstanding.decrementAndGet() == 0) {
      finish();
      return -1;
    }
    return inline;
  }

  private void failed(ExecutionPlan.Task task, String message, Throwable error, int attemptCount) {
    status.set(task.index, FAILED);
    errors.add(
        new ExecutionError(
            task.name(),
            task.node.id(),
            message == null ? "failed" : message,
            Optional.ofNullable(error),
            attemptCount));
    int skipped = skipDependents(task);
    if (outstanding.addAndGet(-(1 + skipped)) == 0) {
      finish();
    }
  }

  private int skipDependents(ExecutionPlan.Task root) {
    int skipped = 0;
    ArrayList<ExecutionPlan.Task> stack = new ArrayList<>();
    stack.add(root);
    while (!stack.isEmpty()) {
      ExecutionPlan.Task t = stack.remove(stack.size() - 1);
      for (int d : t.outputData) {
        for (int c : plan.consumers[d]) {
          if (status.compareAndSet(c, WAITING, SKIPPED)) {
            skipped++;
            stack.add(plan.tasks[c]);
          }
        }
      }
    }
    return skipped;
  }

  private void finish() {
    PipelineStatus s;
    if (!errors.isEmpty()) {
      s = PipelineStatus.FAILED;
    } else if (!missingInputs.isEmpty()) {
      s = PipelineStatus.SUSPENDED;
    } else {
      s = PipelineStatus.COMPLETED;
    }
    terminate(s);
  }

  /** Ends the run with {@code s} once; later calls are no-ops. */
  boolean terminate(PipelineStatus s) {
    if (!terminal.compareAndSet(-1, s.ordinal())) {
      return false;
    }
    if (s == PipelineStatus.CANCELLED || s == PipelineStatus.TIMED_OUT) {
      for (int i = 0; i < running.length(); i++) {
        Thread t = running.get(i);
        if (t != null) {
          t.interrupt();
        }
      }
    }
    try {
      complete(s);
    } catch (Throwable t) {
      result.completeExceptionally(t);
    }
    return true;
  }

  void markExecutionStart(int ti) {
    execStart.set(ti, System.nanoTime());
  }

  private boolean enterEvents() {
    while (true) {
      int s = eventGate.get();
      if (s < 0) {
        return false;
      }
      if (eventGate.compareAndSet(s, s + 1)) {
        return true;
      }
    }
  }

  private void exitEvents() {
    eventGate.decrementAndGet();
  }

  private void closeEvents() {
    int s;
    do {
      s = eventGate.get();
    } while (!eventGate.compareAndSet(s, s | EVENTS_CLOSED));
    while ((eventGate.get() & Integer.MAX_VALUE) != 0) {
      Thread.onSpinWait();
    }
  }

  private void complete(PipelineStatus s) {
    long elapsed = System.nanoTime() - startNanos;
    String dag = plan.dag.name();
    boolean suspending = s == PipelineStatus.SUSPENDED;
    Map<String, CValue> carried = suspending ? new LinkedHashMap<>() : Map.of();
    CValue[] snapshotValues = new CValue[plan.dataNames.length];
    for (int d = 0; d < snapshotValues.length; d++) {
      CValue v = values.get(d);
      snapshotValues[d] = v;
      if (v != null && suspending && plan.producer[d] >= 0) {
        carried.put(plan.dataNames[d], v);
      }
    }
    // a view: DataSignature makes the one copy
    Map<String, CValue> computed = new ArrayMapView<>(plan.dataNames, snapshotValues);
    Map<String, CValue> outputs = new LinkedHashMap<>();
    Set<String> pending = new HashSet<>();
    plan.outputs.forEach(
        (name, d) -> {
          CValue v = values.get(d);
          if (v != null) {
            outputs.put(name, v);
          } else {
            pending.add(name);
          }
        });
    Optional<SuspendedExecution> snapshot = Optional.empty();
    if (s == PipelineStatus.SUSPENDED) {
      Instant now = engine.config().clock().instant();
      snapshot =
          Optional.of(
              new SuspendedExecution(
                  executionId,
                  plan.image,
                  providedInputs,
                  carried,
                  missingInputs,
                  resumptionCount,
                  createdAt,
                  resumptionCount > 0 ? Optional.of(now) : Optional.empty()));
    }
    Optional<ExecutionMetadata> metadata =
        includeMetadata ? Optional.of(metadata(elapsed)) : Optional.empty();
    List<ExecutionError> errorList = new ArrayList<>(errors);

    StoreException saveFailure = null;
    Optional<SuspensionHandle> handle = Optional.empty();
    ClaimKeeper claim = this.claim;
    ClaimLostException claimLost = null;
    if (snapshot.isPresent() && saveSuspended) {
      SuspensionStore store = engine.config().suspensionStore();
      try {
        handle =
            Optional.of(
                claim != null
                    ? claim.replace(snapshot.get())
                    : existingHandle.isPresent()
                        ? store.replace(existingHandle.get(), snapshot.get())
                        : store.save(snapshot.get()));
      } catch (ClaimLostException e) {
        claimLost = e;
      } catch (StoreException e) {
        saveFailure = e;
      } catch (RuntimeException e) {
        saveFailure = new StoreException("saving the suspension failed: " + e.getMessage(), e);
      }
    } else if (s == PipelineStatus.COMPLETED && existingHandle.isPresent()) {
      try {
        if (claim != null) {
          claim.delete();
        } else {
          engine.config().suspensionStore().delete(existingHandle.get());
        }
      } catch (ClaimLostException e) {
        claimLost = e;
      } catch (RuntimeException e) {
        RateLimitedLog.warn("could not delete the completed suspension " + existingHandle.get(), e);
      }
    }

    DataSignature signature =
        new DataSignature(
            executionId,
            plan.image.structuralHash(),
            s,
            providedInputs,
            outputs,
            computed,
            s == PipelineStatus.COMPLETED ? Map.of() : missingInputs,
            pending,
            errorList,
            resumptionCount,
            handle,
            snapshot,
            metadata);

    Map<String, String> dagTag = Map.of("dag_name", dag);
    if (s == PipelineStatus.SUSPENDED) {
      engine.metrics.counter("constellation.execution.suspended", dagTag);
    } else {
      engine.metrics.counter(
          "constellation.execution.completed",
          Map.of("dag_name", dag, "success", Boolean.toString(s == PipelineStatus.COMPLETED)));
    }
    engine.metrics.histogram("constellation.execution.duration_ms", elapsed / 1e6, dagTag);
    if (events) {
      closeEvents();
      for (int ti = 0; ti < plan.tasks.length; ti++) {
        if (eventState.compareAndSet(ti, 1, 2)) {
          UUID moduleId = plan.taskIds[ti];
          String name = plan.tasks[ti].name();
          CancellationException why = new CancellationException("run ended: " + s);
          UUID id = executionId;
          engine.bus.publish(l -> l.onModuleFailed(id, moduleId, name, why));
        }
      }
      long ms = elapsed / 1_000_000;
      Set<String> missing = Set.copyOf(missingInputs.keySet());
      UUID runId = executionId;
      switch (s) {
        case CANCELLED -> engine.bus.publish(l -> l.onExecutionCancelled(runId, dag));
        case SUSPENDED -> engine.bus.publish(l -> l.onExecutionSuspended(runId, dag, missing));
        default -> {
          boolean ok = s == PipelineStatus.COMPLETED;
          engine.bus.publish(l -> l.onExecutionComplete(runId, dag, ok, ms));
        }
      }
    }
    engine.finished(this);
    if (claimLost != null) {
      result.completeExceptionally(
          new ClaimLostException(
              claimLost.handle(),
              "the resume of suspension '"
                  + claimLost.handle()
                  + "' ended "
                  + s
                  + " but lost its claim before writing the outcome, so another resume may own"
                  + " the suspension; nothing was written",
              signature,
              claimLost));
    } else if (saveFailure != null) {
      result.completeExceptionally(new SuspensionSaveException(signature, saveFailure));
    } else {
      result.complete(signature);
    }
  }

  private ExecutionMetadata metadata(long elapsedNanos) {
    // array-backed views in plan order: ExecutionMetadata makes the one copy of each
    int n = plan.tasks.length;
    String[] ids = plan.taskNodeIds;
    NodeStatus[] statuses = new NodeStatus[n];
    Duration[] timings = new Duration[n];
    Integer[] attemptCounts = new Integer[n];
    Set<String> hits = new HashSet<>();
    boolean cancelledWaiting =
        isTerminated() && terminal.get() != PipelineStatus.SUSPENDED.ordinal();
    for (ExecutionPlan.Task t : plan.tasks) {
      int i = t.index;
      int st = status.get(i);
      statuses[i] =
          switch (st) {
            case DONE -> NodeStatus.COMPLETED;
            case FAILED -> NodeStatus.FAILED;
            case SKIPPED -> NodeStatus.SKIPPED;
            case PENDING -> NodeStatus.PENDING;
            case WAITING -> cancelledWaiting ? NodeStatus.CANCELLED : NodeStatus.PENDING;
            default -> NodeStatus.CANCELLED;
          };
      if (t.isModule() && (st == DONE || st == FAILED) && attempts.get(i) + cacheHits.get(i) > 0) {
        timings[i] = Duration.ofNanos(durations.get(i));
        attemptCounts[i] = attempts.get(i);
      }
      if (cacheHits.get(i) == 1) {
        hits.add(ids[i]);
      }
    }
    String[] prov = new String[plan.dataNames.length];
    for (int d = 0; d < prov.length; d++) {
      if (provenance[d] != null && values.get(d) != null) {
        prov[d] = provenance[d];
      }
    }
    return new ExecutionMetadata(
        Duration.ofNanos(elapsedNanos),
        new ArrayMapView<>(ids, timings),
        new ArrayMapView<>(ids, statuses),
        new ArrayMapView<>(plan.dataNames, prov),
        hits,
        new ArrayMapView<>(ids, attemptCounts));
  }

  /** Blocks until the run ends or its timeout elapses (then it ends as TIMED_OUT). */
  DataSignature await() throws InterruptedException {
    try {
      if (timeout.isPresent()) {
        try {
          return result.get(timeout.get().toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
          terminate(PipelineStatus.TIMED_OUT);
        }
      }
      return result.get();
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException re) {
        throw re;
      }
      if (c instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(c);
    }
  }

  TracerProvider.SpanContext spanParent() {
    return spanParent;
  }
}
