package io.constellation.engine;

import io.constellation.ModuleExecutionException;
import io.constellation.ModuleTimeoutException;
import io.constellation.cache.CacheBackend;
import io.constellation.cache.CacheEntry;
import io.constellation.cache.CacheKeyGenerator;
import io.constellation.cache.InMemoryCacheBackend;
import io.constellation.module.Module;
import io.constellation.module.ModuleInputs;
import io.constellation.pipeline.CallOptions;
import io.constellation.pipeline.ErrorStrategy;
import io.constellation.pipeline.Throttle;
import io.constellation.type.CType;
import io.constellation.type.CTypes;
import io.constellation.type.CValue;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one module call with its options, innermost first: timeout (per attempt) → retry → fallback
 * → on_error → cache lookup/store → throttle and concurrency → priority.
 */
final class ModuleCaller {
  private static final Logger LOG = LoggerFactory.getLogger(ModuleCaller.class);
  static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(30);

  private record LimitKey(String module, Object limit) {}

  private final Engine engine;
  private final Map<LimitKey, TokenBucket> buckets = new ConcurrentHashMap<>();
  private final Map<LimitKey, Semaphore> semaphores = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<CallOutcome>> inflight = new ConcurrentHashMap<>();

  ModuleCaller(Engine engine) {
    this.engine = engine;
  }

  /** The call, with priority gate, throttle, concurrency, cache and the attempt loop. */
  CallOutcome call(Run run, ExecutionPlan.Task task, ModuleInputs inputs) {
    CallOptions o = task.options;
    PriorityGate gate = engine.gate;
    boolean gated = false;
    Semaphore semaphore = null;
    try {
      if (gate != null) {
        engine.schedulerGauges();
        gate.acquire(o.priority());
        gated = true;
        engine.schedulerGauges();
      }
      if (o.throttle().isPresent()) {
        Throttle t = o.throttle().get();
        buckets
            .computeIfAbsent(new LimitKey(task.module.name(), t), k -> new TokenBucket(t))
            .acquire();
      }
      if (o.concurrency().isPresent()) {
        int n = o.concurrency().get();
        semaphore =
            semaphores.computeIfAbsent(
                new LimitKey(task.module.name(), n), k -> new Semaphore(n, true));
        semaphore.acquire();
      }
      run.markExecutionStart(task.index);
      if (o.cache().isPresent()) {
        return cached(run, task, inputs, o);
      }
      return attempts(run, task, inputs);
    } catch (InterruptedException e) {
      return CallOutcome.cancelled(0);
    } finally {
      if (semaphore != null) {
        semaphore.release();
      }
      if (gated) {
        gate.release();
        engine.schedulerGauges();
      }
    }
  }

  private CallOutcome cached(Run run, ExecutionPlan.Task task, ModuleInputs inputs, CallOptions o)
      throws InterruptedException {
    CacheBackend backend = engine.cacheFor(o.cacheBackend());
    Map<String, String> tags = Map.of("backend", backend.name());
    String key =
        CacheKeyGenerator.forModuleResult(
            task.module.name(), task.module.metadata().cacheIdentity(), inputs.asMap());
    Optional<CValue[]> hit = lookup(backend, key, task, tags);
    if (hit.isPresent()) {
      engine.metrics.counter("constellation.cache.hits", tags);
      return CallOutcome.cacheHit(hit.get());
    }
    engine.metrics.counter("constellation.cache.misses", tags);
    String flightKey = backend.name() + '\u0000' + key;
    CompletableFuture<CallOutcome> mine = new CompletableFuture<>();
    CompletableFuture<CallOutcome> leader = inflight.putIfAbsent(flightKey, mine);
    if (leader != null) {
      try {
        return leader.get().asShared();
      } catch (ExecutionException e) {
        return attempts(run, task, inputs);
      }
    }
    CallOutcome outcome;
    try {
      outcome = attempts(run, task, inputs);
      if (outcome.kind == CallOutcome.Kind.SUCCESS && outcome.cacheable) {
        store(backend, key, task, outcome.outputs, o.cache().get(), tags);
      }
      mine.complete(outcome);
    } catch (RuntimeException | Error e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      inflight.remove(flightKey, mine);
    }
    return outcome;
  }

  private Optional<CValue[]> lookup(
      CacheBackend backend, String key, ExecutionPlan.Task task, Map<String, String> tags)
      throws InterruptedException {
    Optional<CacheEntry<Object>> entry;
    try {
      if (backend instanceof InMemoryCacheBackend) {
        entry = backend.get(key);
      } else {
        CompletableFuture<Optional<CacheEntry<Object>>> f =
            CompletableFuture.supplyAsync(() -> backend.<Object>get(key), engine.virtualThreads);
        try {
          entry = f.get(engine.config().cacheLookupBudget().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
          f.cancel(true);
          engine.metrics.counter("constellation.cache.errors", tags);
          return Optional.empty();
        } catch (ExecutionException e) {
          throw e.getCause();
        }
      }
    } catch (InterruptedException e) {
      throw e;
    } catch (Throwable t) {
      engine.metrics.counter("constellation.cache.errors", tags);
      RateLimitedLog.warn("cache backend " + backend.name() + " failed on get", t);
      return Optional.empty();
    }
    if (entry.isEmpty()) {
      return Optional.empty();
    }
    CValue[] outputs = decode(entry.get().value(), task);
    if (outputs == null) {
      engine.metrics.counter("constellation.cache.errors", tags);
      try {
        backend.delete(key);
      } catch (RuntimeException e) {
        RateLimitedLog.warn("cache backend " + backend.name() + " failed on delete", e);
      }
      return Optional.empty();
    }
    return Optional.of(outputs);
  }

  private static CValue[] decode(Object value, ExecutionPlan.Task task) {
    if (!(value instanceof Map<?, ?> map)) {
      return null;
    }
    CValue[] outputs = new CValue[task.outputNames.length];
    for (int i = 0; i < outputs.length; i++) {
      Object v = map.get(task.outputNames[i]);
      CType expected = task.module.outputs().get(task.outputNames[i]);
      if (!(v instanceof CValue cv) || !CTypes.conforms(cv, expected)) {
        return null;
      }
      outputs[i] = cv;
    }
    return outputs;
  }

  private void store(
      CacheBackend backend,
      String key,
      ExecutionPlan.Task task,
      CValue[] outputs,
      Duration ttl,
      Map<String, String> tags) {
    Map<String, CValue> value = new HashMap<>();
    for (int i = 0; i < outputs.length; i++) {
      value.put(task.outputNames[i], outputs[i]);
    }
    try {
      backend.set(key, value, ttl);
    } catch (Throwable t) {
      engine.metrics.counter("constellation.cache.errors", tags);
      RateLimitedLog.warn("cache backend " + backend.name() + " failed on set", t);
    }
  }

  /** Attempts with retry, per-attempt timeout, then fallback and on_error. */
  private CallOutcome attempts(Run run, ExecutionPlan.Task task, ModuleInputs inputs) {
    CallOptions o = task.options;
    Module module = task.module;
    long timeoutNanos =
        o.timeout().or(module::defaultTimeout).orElse(DEFAULT_CALL_TIMEOUT).toNanos();
    Throwable last = null;
    int attempts = 0;
    for (int attempt = 0; attempt <= o.retry(); attempt++) {
      if (attempt > 0) {
        engine.metrics.counter("constellation.module.retries", task.metricTags);
        Duration delay = o.delayBefore(attempt);
        if (!delay.isZero()) {
          try {
            TimeUnit.NANOSECONDS.sleep(delay.toNanos());
          } catch (InterruptedException e) {
            return CallOutcome.cancelled(attempts);
          }
        }
      }
      if (run.isTerminated()) {
        return CallOutcome.cancelled(attempts);
      }
      attempts++;
      try {
        return CallOutcome.success(invoke(task, inputs, timeoutNanos), attempts, true);
      } catch (InterruptedException e) {
        if (run.isTerminated()) {
          return CallOutcome.cancelled(attempts);
        }
        last = e;
      } catch (Throwable t) {
        if (run.isTerminated()) {
          return CallOutcome.cancelled(attempts);
        }
        last = t;
      }
    }
    if (o.fallback().isPresent()) {
      CValue[] outputs = new CValue[task.outputNames.length];
      for (int i = 0; i < outputs.length; i++) {
        outputs[i] =
            task.outputNames[i].equals(module.primaryOutput())
                ? o.fallback().get()
                : CValue.zero(module.outputs().get(task.outputNames[i]));
      }
      return CallOutcome.success(outputs, attempts, false);
    }
    ErrorStrategy strategy = o.onError();
    switch (strategy) {
      case SKIP, LOG -> {
        if (strategy == ErrorStrategy.LOG) {
          LOG.warn(
              "module {} failed after {} attempt(s), using zero values: {}",
              module.name(),
              attempts,
              describe(last));
        }
        CValue[] outputs = new CValue[task.outputNames.length];
        for (int i = 0; i < outputs.length; i++) {
          outputs[i] = CValue.zero(module.outputs().get(task.outputNames[i]));
        }
        return CallOutcome.success(outputs, attempts, false);
      }
      case WRAP -> {
        ModuleExecutionException wrapped =
            new ModuleExecutionException(
                "module '"
                    + module.name()
                    + "' failed after "
                    + attempts
                    + " attempt(s): "
                    + describe(last),
                last);
        return CallOutcome.failure(wrapped, wrapped.getMessage(), attempts);
      }
      default -> {
        return CallOutcome.failure(last, describe(last), attempts);
      }
    }
  }

  static String describe(Throwable t) {
    if (t == null) {
      return "unknown error";
    }
    String m = t.getMessage();
    if (t instanceof ModuleTimeoutException || t instanceof ModuleExecutionException) {
      return m;
    }
    return t.getClass().getSimpleName()
        + (m == null || m.isBlank() ? "" : ": " + m.lines().findFirst().orElse(""));
  }

  private CValue[] invoke(ExecutionPlan.Task task, ModuleInputs inputs, long timeoutNanos)
      throws Exception {
    TimeoutWatchdog.Guard guard = engine.watchdog.start(timeoutNanos);
    Map<String, CValue> result;
    Throwable failure = null;
    try {
      result = task.module.implementation().apply(inputs);
    } catch (Throwable t) {
      result = null;
      failure = t;
    }
    if (engine.watchdog.finish(guard)) {
      throw new ModuleTimeoutException(
          "module '"
              + task.module.name()
              + "' timed out after "
              + Duration.ofNanos(timeoutNanos).toMillis()
              + " ms");
    }
    if (failure != null) {
      if (failure instanceof Exception e) {
        throw e;
      }
      throw (Error) failure;
    }
    return validateOutputs(task, result);
  }

  private static CValue[] validateOutputs(ExecutionPlan.Task task, Map<String, CValue> result) {
    if (result == null) {
      throw new ModuleExecutionException("module '" + task.module.name() + "' returned null");
    }
    CValue[] outputs = new CValue[task.outputNames.length];
    for (int i = 0; i < outputs.length; i++) {
      String name = task.outputNames[i];
      CValue v = result.get(name);
      if (v == null) {
        throw new ModuleExecutionException(
            "module '" + task.module.name() + "' returned no value for output '" + name + "'");
      }
      CType expected = task.module.outputs().get(name);
      if (!CTypes.conforms(v, expected)) {
        throw new ModuleExecutionException(
            "module '"
                + task.module.name()
                + "' returned "
                + v.type()
                + " for output '"
                + name
                + "' declared "
                + expected);
      }
      outputs[i] = v;
    }
    return outputs;
  }
}
