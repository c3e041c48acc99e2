package io.constellation;

import static java.util.Objects.requireNonNull;

import io.constellation.cache.CacheBackend;
import io.constellation.cache.InMemoryCacheBackend;
import io.constellation.engine.Engine;
import io.constellation.engine.EngineConfig;
import io.constellation.execution.CancellableExecution;
import io.constellation.execution.DataSignature;
import io.constellation.execution.ExecutionOptions;
import io.constellation.impl.InMemorySuspensionStore;
import io.constellation.impl.PipelineStoreImpl;
import io.constellation.module.Module;
import io.constellation.module.ModuleRegistry;
import io.constellation.pipeline.PipelineImage;
import io.constellation.spi.ConstellationBackends;
import io.constellation.spi.ExecutionListener;
import io.constellation.spi.MetricsProvider;
import io.constellation.spi.TracerProvider;
import io.constellation.suspension.SuspendedExecution;
import io.constellation.suspension.SuspensionHandle;
import io.constellation.type.CValue;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The engine. Wire its backends with {@link #builder()}:
 *
 * <pre>{@code
 * Constellation constellation = ConstellationImpl.builder()
 *     .withCache(new RedisCacheBackend(client))
 *     .withMetrics(new MicrometerMetricsProvider(prometheusRegistry))
 *     .withListener(ExecutionListener.composite(kafkaListener, auditListener))
 *     .build();
 * }</pre>
 *
 * Every backend has a default (in-memory cache and stores, noop metrics, listener and tracer), so
 * {@code ConstellationImpl.builder().build()} is a working engine.
 */
public final class ConstellationImpl implements Constellation {
  private final Engine engine;

  private ConstellationImpl(Engine engine) {
    this.engine = engine;
  }

  /** A builder with every default. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public DataSignature run(
      PipelineImage image, Map<String, CValue> inputs, ExecutionOptions options) {
    return engine.run(image, inputs, options);
  }

  @Override
  public DataSignature run(String ref, Map<String, CValue> inputs, ExecutionOptions options) {
    return engine.run(engine.load(ref), inputs, options);
  }

  @Override
  public CompletableFuture<DataSignature> runAsync(
      PipelineImage image, Map<String, CValue> inputs, ExecutionOptions options) {
    return engine.runAsync(image, inputs, options);
  }

  @Override
  public CancellableExecution runCancellable(
      PipelineImage image, Map<String, CValue> inputs, ExecutionOptions options) {
    return engine.runCancellable(image, inputs, options);
  }

  @Override
  public DataSignature resume(
      SuspensionHandle handle,
      Map<String, CValue> additionalInputs,
      Map<String, CValue> resolvedNodes,
      ExecutionOptions options) {
    return engine.resume(handle, additionalInputs, resolvedNodes, options);
  }

  @Override
  public DataSignature resume(
      SuspendedExecution suspended,
      Map<String, CValue> additionalInputs,
      Map<String, CValue> resolvedNodes,
      ExecutionOptions options) {
    return engine.resume(suspended, additionalInputs, resolvedNodes, options);
  }

  @Override
  public void setModule(Module module) {
    engine.registry().register(module);
  }

  @Override
  public List<Module> getModules() {
    return engine.registry().all();
  }

  @Override
  public Optional<Module> getModule(String name) {
    return engine.registry().find(requireNonNull(name, "name"));
  }

  @Override
  public boolean removeModule(String name) {
    return engine.registry().remove(name);
  }

  @Override
  public ModuleRegistry registry() {
    return engine.registry();
  }

  @Override
  public PipelineStore pipelineStore() {
    return engine.config().pipelineStore();
  }

  @Override
  public SuspensionStore suspensionStore() {
    return engine.config().suspensionStore();
  }

  @Override
  public void verify(PipelineImage image) {
    engine.verify(image);
  }

  @Override
  public void shutdown(Duration drain) {
    engine.shutdown(drain);
  }

  /** Wires an engine. Not thread-safe; each {@link #build()} makes an independent engine. */
  public static final class Builder {
    private CacheBackend cache;
    private final Map<String, CacheBackend> namedCaches = new LinkedHashMap<>();
    private MetricsProvider metrics = MetricsProvider.noop();
    private TracerProvider tracer = TracerProvider.noop();
    private final List<ExecutionListener> listeners = new ArrayList<>();
    private PipelineStore pipelineStore;
    private SuspensionStore suspensionStore;
    private Executor executor;
    private int maxConcurrency;
    private Duration defaultTimeout;
    private Clock clock = Clock.systemUTC();
    private int listenerQueueCapacity = 8192;
    private Duration cacheLookupBudget = Duration.ofMillis(250);
    private Duration resumeLease = Duration.ofMinutes(5);
    private final List<Module> modules = new ArrayList<>();

    private Builder() {}

    /** The default module-result cache (default: a new {@link InMemoryCacheBackend}). */
    public Builder withCache(CacheBackend cache) {
      this.cache = requireNonNull(cache, "cache");
      return this;
    }

    /** A named cache, selected by {@code cache_backend: "name"}. */
    public Builder withCacheBackend(String name, CacheBackend backend) {
      requireNonNull(name, "name");
      requireNonNull(backend, "backend");
      if (name.isBlank()) {
        throw new IllegalArgumentException("cache backend name must not be blank");
      }
      namedCaches.put(name, backend);
      return this;
    }

    /** Where metrics go (default: {@link MetricsProvider#noop()}). */
    public Builder withMetrics(MetricsProvider metrics) {
      this.metrics = requireNonNull(metrics, "metrics");
      return this;
    }

    /** The tracer (default: {@link TracerProvider#noop()}). */
    public Builder withTracer(TracerProvider tracer) {
      this.tracer = requireNonNull(tracer, "tracer");
      return this;
    }

    /** Adds a listener; calling it several times composes the listeners. */
    public Builder withListener(ExecutionListener listener) {
      listeners.add(requireNonNull(listener, "listener"));
      return this;
    }

    /** Sets metrics, tracer, listener and cache at once. */
    public Builder withBackends(ConstellationBackends backends) {
      requireNonNull(backends, "backends");
      this.metrics = backends.metrics();
      this.tracer = backends.tracer();
      this.listeners.clear();
      this.listeners.add(backends.listener());
      this.cache = backends.cache();
      return this;
    }

    /** Pipeline storage (default: in-memory {@link PipelineStoreImpl}). */
    public Builder withPipelineStore(PipelineStore store) {
      this.pipelineStore = requireNonNull(store, "store");
      return this;
    }

    /** Suspension storage (default: {@link InMemorySuspensionStore}). */
    public Builder withSuspensionStore(SuspensionStore store) {
      this.suspensionStore = requireNonNull(store, "store");
      return this;
    }

    /** Runs modules on {@code executor} instead of one virtual thread per module call. */
    public Builder withExecutor(Executor executor) {
      this.executor = requireNonNull(executor, "executor");
      return this;
    }

    /**
     * At most {@code max} module calls run at once in this engine; queued calls start in priority
     * order. Default: unbounded.
     */
    public Builder withMaxConcurrency(int max) {
      if (max <= 0) {
        throw new IllegalArgumentException("max concurrency must be > 0, was " + max);
      }
      this.maxConcurrency = max;
      return this;
    }

    /** Run-level timeout applied when {@link ExecutionOptions#timeout()} is empty. */
    public Builder withDefaultTimeout(Duration timeout) {
      requireNonNull(timeout, "timeout");
      if (timeout.isZero() || timeout.isNegative()) {
        throw new IllegalArgumentException("default timeout must be > 0, was " + timeout);
      }
      this.defaultTimeout = timeout;
      return this;
    }

    /** The clock for timestamps, TTLs and leases (default: system UTC). */
    public Builder withClock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /** Capacity of each listener's event queue (default 8192); a full queue drops and counts. */
    public Builder withListenerQueueCapacity(int capacity) {
      if (capacity <= 0) {
        throw new IllegalArgumentException("listener queue capacity must be > 0, was " + capacity);
      }
      this.listenerQueueCapacity = capacity;
      return this;
    }

    /**
     * How long a cache lookup on a non-in-memory backend may take before it counts as a miss
     * (default 250 ms).
     */
    public Builder withCacheLookupBudget(Duration budget) {
      this.cacheLookupBudget = requireNonNull(budget, "budget");
      return this;
    }

    /** The lease of a resume claim (default 5 min); renewals are not needed below it. */
    public Builder withResumeLease(Duration lease) {
      requireNonNull(lease, "lease");
      if (lease.isZero() || lease.isNegative()) {
        throw new IllegalArgumentException("resume lease must be > 0, was " + lease);
      }
      this.resumeLease = lease;
      return this;
    }

    /** Registers modules at build time. */
    public Builder withModules(Module... modules) {
      this.modules.addAll(List.of(modules));
      return this;
    }

    public Constellation build() {
      ModuleRegistry registry = new ModuleRegistry();
      modules.forEach(registry::register);
      EngineConfig config =
          new EngineConfig(
              cache == null ? new InMemoryCacheBackend().withClock(clock) : cache,
              Map.copyOf(namedCaches),
              metrics,
              tracer,
              ExecutionListener.members(ExecutionListener.composite(listeners)),
              pipelineStore == null ? new PipelineStoreImpl() : pipelineStore,
              suspensionStore == null ? new InMemorySuspensionStore() : suspensionStore,
              Optional.ofNullable(executor),
              maxConcurrency,
              Optional.ofNullable(defaultTimeout),
              clock,
              listenerQueueCapacity,
              cacheLookupBudget,
              resumeLease);
      return new ConstellationImpl(new Engine(registry, config));
    }
  }
}
