package io.constellation.engine;

import io.constellation.PipelineStore;
import io.constellation.SuspensionStore;
import io.constellation.cache.CacheBackend;
import io.constellation.spi.ExecutionListener;
import io.constellation.spi.MetricsProvider;
import io.constellation.spi.TracerProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

/** Everything the builder wired. Internal to the engine. */
public record EngineConfig(
    CacheBackend cache,
    Map<String, CacheBackend> namedCaches,
    MetricsProvider metrics,
    TracerProvider tracer,
    List<ExecutionListener> listeners,
    PipelineStore pipelineStore,
    SuspensionStore suspensionStore,
    Optional<Executor> executor,
    int maxConcurrency,
    Optional<Duration> defaultTimeout,
    Clock clock,
    int listenerQueueCapacity,
    Duration cacheLookupBudget,
    Duration resumeLease) {}
