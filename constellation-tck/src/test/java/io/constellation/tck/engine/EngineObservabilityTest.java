package io.constellation.tck.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.constellation.Constellation;
import io.constellation.ConstellationImpl;
import io.constellation.cache.CacheBackend;
import io.constellation.cache.CacheEntry;
import io.constellation.cache.CacheStats;
import io.constellation.cache.InMemoryCacheBackend;
import io.constellation.execution.CancellableExecution;
import io.constellation.execution.DataSignature;
import io.constellation.execution.ExecutionOptions;
import io.constellation.execution.PipelineStatus;
import io.constellation.module.Module;
import io.constellation.pipeline.CallOptions;
import io.constellation.pipeline.Pipeline;
import io.constellation.pipeline.PipelineImage;
import io.constellation.spi.ExecutionListener;
import io.constellation.spi.MetricsProvider;
import io.constellation.spi.TracerProvider;
import io.constellation.tck.EventKind;
import io.constellation.tck.MetricCatalog;
import io.constellation.tck.RecordingListener;
import io.constellation.tck.ValidatingListener;
import io.constellation.type.CType;
import io.constellation.type.CValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The engine with plugged SPIs: the seed's quick reference, listener delivery, metrics, tracing.
 */
class EngineObservabilityTest {

  /** A metrics provider that records every call: name → list of tag maps. */
  static final class RecordingMetrics implements MetricsProvider {
    final Map<String, List<Map<String, String>>> calls = new ConcurrentHashMap<>();
    final Map<String, String> kinds = new ConcurrentHashMap<>();

    private void record(String kind, String name, Map<String, String> tags) {
      kinds.put(name, kind);
      calls.computeIfAbsent(name, k -> new CopyOnWriteArrayList<>()).add(Map.copyOf(tags));
    }

    @Override
    public void counter(String name, Map<String, String> tags) {
      record("COUNTER", name, tags);
    }

    @Override
    public void histogram(String name, double value, Map<String, String> tags) {
      record("HISTOGRAM", name, tags);
    }

    @Override
    public void gauge(String name, double value, Map<String, String> tags) {
      record("GAUGE", name, tags);
    }

    long count(String name, Map<String, String> tags) {
      return calls.getOrDefault(name, List.of()).stream().filter(t -> t.equals(tags)).count();
    }
  }

  /** A cache that counts the engine's calls and delegates to the default. */
  static final class CountingCache implements CacheBackend {
    final InMemoryCacheBackend delegate = new InMemoryCacheBackend();
    final AtomicInteger gets = new AtomicInteger();
    final AtomicInteger sets = new AtomicInteger();

    @Override
    public <A> Optional<CacheEntry<A>> get(String key) {
      gets.incrementAndGet();
      return delegate.get(key);
    }

    @Override
    public <A> void set(String key, A value, Duration ttl) {
      sets.incrementAndGet();
      delegate.set(key, value, ttl);
    }

    @Override
    public boolean delete(String key) {
      return delegate.delete(key);
    }

    @Override
    public void clear() {
      delegate.clear();
    }

    @Override
    public CacheStats stats() {
      return delegate.stats();
    }

    @Override
    public String name() {
      return "counting";
    }
  }

  /** Blocks in {@code onExecutionStart} until released (then throws, if asked to). */
  static final class StuckOnStart implements ExecutionListener {
    private final CountDownLatch release = new CountDownLatch(1);
    private final boolean throwAfter;

    StuckOnStart(boolean throwAfter) {
      this.throwAfter = throwAfter;
    }

    void release() {
      release.countDown();
    }

    @Override
    public void onExecutionStart(UUID executionId, String dagName) {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (throwAfter) {
        throw new IllegalStateException("listener bug");
      }
    }
  }

  /** A cache that fails every call. */
  static final class BrokenCache implements CacheBackend {
    @Override
    public <A> Optional<CacheEntry<A>> get(String key) {
      throw new IllegalStateException("cache down");
    }

    @Override
    public <A> void set(String key, A value, Duration ttl) {
      throw new IllegalStateException("cache down");
    }

    @Override
    public boolean delete(String key) {
      throw new IllegalStateException("cache down");
    }

    @Override
    public void clear() {
      throw new IllegalStateException("cache down");
    }

    @Override
    public CacheStats stats() {
      throw new IllegalStateException("cache down");
    }

    @Override
    public String name() {
      return "broken";
    }
  }

  private final AtomicInteger upperCalls = new AtomicInteger();

  private Module upper() {
    return Module.builder("Uppercase")
        .input("text", CType.STRING)
        .output("result", CType.STRING)
        .implementation(
            in -> {
              upperCalls.incrementAndGet();
              return Map.of("result", CValue.of(in.getString("text").toUpperCase()));
            })
        .build();
  }

  private static Module broken() {
    return Module.builder("Broken")
        .input("text", CType.STRING)
        .output("result", CType.STRING)
        .implementation(
            in -> {
              throw new IllegalStateException("boom");
            })
        .build();
  }

  private static PipelineImage cachedUpper(Constellation c) {
    return Pipeline.builder("cached")
        .input("text", CType.STRING)
        .call(
            "up",
            "Uppercase",
            Map.of("text", "text"),
            CallOptions.builder().cache(Duration.ofMinutes(5)).build())
        .output("up")
        .build(c.registry());
  }

  @Test
  void theSeedsQuickReferenceWiresCustomComponentsAndEachIsUsed() {
    CountingCache cache = new CountingCache();
    RecordingMetrics metrics = new RecordingMetrics();
    RecordingListener kafkaLike = new RecordingListener();
    RecordingListener auditLike = new RecordingListener();
    Constellation constellation =
        ConstellationImpl.builder()
            .withCache(cache)
            .withMetrics(metrics)
            .withListener(ExecutionListener.composite(kafkaLike, auditLike))
            .build();
    try (constellation) {
      constellation.setModule(upper());
      PipelineImage image = cachedUpper(constellation);
      DataSignature first = constellation.run(image, Map.of("text", CValue.of("hi")));
      DataSignature second = constellation.run(image, Map.of("text", CValue.of("hi")));
      assertThat(second.outputs()).containsEntry("up", CValue.of("HI"));
      assertThat(upperCalls).hasValue(1);
      assertThat(cache.gets).hasValue(2);
      assertThat(cache.sets).hasValue(1);
      assertThat(metrics.count("constellation.execution.started", Map.of("dag_name", "cached")))
          .isEqualTo(2);
      assertThat(metrics.count("constellation.cache.hits", Map.of("backend", "counting")))
          .isEqualTo(1);
      for (RecordingListener l : List.of(kafkaLike, auditLike)) {
        l.awaitTerminal(second.executionId(), Duration.ofSeconds(5));
        assertThat(l.kinds(first.executionId()))
            .containsExactly(
                EventKind.EXECUTION_START,
                EventKind.MODULE_START,
                EventKind.MODULE_COMPLETE,
                EventKind.EXECUTION_COMPLETE);
        assertThat(l.kinds(second.executionId())).contains(EventKind.MODULE_CACHE_HIT);
      }
    }
  }

  @Test
  void eventsArriveInContractOrderForEveryKindOfRun() throws Exception {
    ValidatingListener validating = new ValidatingListener();
    RecordingListener recording = new RecordingListener();
    Constellation c =
        ConstellationImpl.builder().withListener(validating).withListener(recording).build();
    try (c) {
      c.setModule(upper());
      c.setModule(broken());
      c.setModule(
          Module.builder("Sleep")
              .input("text", CType.STRING)
              .output("result", CType.STRING)
              .implementation(
                  in -> {
                    Thread.sleep(2_000);
                    return Map.of("result", in.get("text"));
                  })
              .build());
      Pipeline.Builder wide =
          Pipeline.builder("wide").input("text", CType.STRING).input("later", CType.STRING);
      for (int i = 0; i < 20; i++) {
        wide.call("u" + i, "Uppercase", Map.of("text", "text")).output("u" + i);
      }
      wide.call("needsLater", "Uppercase", Map.of("text", "later")).output("needsLater");
      PipelineImage wideImage = wide.build(c.registry());
      PipelineImage failing =
          Pipeline.builder("failing")
              .input("text", CType.STRING)
              .call("b", "Broken", Map.of("text", "text"))
              .call("after", "Uppercase", Map.of("text", "b"))
              .call("ok", "Uppercase", Map.of("text", "text"))
              .output("after")
              .output("ok")
              .build(c.registry());
      PipelineImage sleeping =
          Pipeline.builder("sleeping")
              .input("text", CType.STRING)
              .call("s", "Sleep", Map.of("text", "text"))
              .output("s")
              .build(c.registry());

      List<UUID> ids = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        ids.add(
            c.run(wideImage, Map.of("text", CValue.of("t"), "later", CValue.of("l")))
                .executionId());
        ids.add(c.run(failing, Map.of("text", CValue.of("t"))).executionId());
      }
      DataSignature suspended = c.run(wideImage, Map.of("text", CValue.of("t")));
      DataSignature resumed =
          c.resume(suspended.suspensionHandle().orElseThrow(), Map.of("later", CValue.of("x")));
      CancellableExecution cancelled = c.runCancellable(sleeping, Map.of("text", CValue.of("t")));
      Thread.sleep(50);
      cancelled.cancel();
      DataSignature timedOut =
          c.run(
              sleeping,
              Map.of("text", CValue.of("t")),
              ExecutionOptions.DEFAULT.withTimeout(Duration.ofMillis(50)));
      assertThat(timedOut.status()).isEqualTo(PipelineStatus.TIMED_OUT);

      assertThat(validating.awaitTerminal(resumed.executionId(), Duration.ofSeconds(5)))
          .isEqualTo(EventKind.EXECUTION_COMPLETE);
      assertThat(validating.sequences(resumed.executionId())).isEqualTo(2);
      assertThat(validating.awaitTerminal(cancelled.executionId(), Duration.ofSeconds(5)))
          .isEqualTo(EventKind.EXECUTION_CANCELLED);
      validating.awaitTerminal(timedOut.executionId(), Duration.ofSeconds(5));
      for (UUID id : ids) {
        validating.awaitTerminal(id, Duration.ofSeconds(5));
      }
      validating.assertNoViolations();
      validating.assertEveryExecutionTerminated();
      assertThat(recording.kinds(suspended.executionId())).contains(EventKind.EXECUTION_SUSPENDED);
      assertThat(recording.kinds(ids.get(1)))
          .contains(EventKind.MODULE_FAILED)
          .last()
          .isEqualTo(EventKind.EXECUTION_COMPLETE);
    }
  }

  @Test
  @org.junit.jupiter.api.Timeout(60) // a listener that blocked runs would hang here: fail instead
  void aThrowingAndABlockingListenerChangeNeitherResultsNorLatency() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    ExecutionListener blocking =
        new ExecutionListener() {
          @Override
          public void onModuleStart(UUID executionId, UUID moduleId, String moduleName) {
            try {
              never.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        };
    ExecutionListener throwing =
        new ExecutionListener() {
          @Override
          public void onExecutionStart(UUID executionId, String dagName) {
            throw new IllegalStateException("listener bug");
          }

          @Override
          public void onModuleComplete(
              UUID executionId, UUID moduleId, String moduleName, long durationMs) {
            throw new IllegalStateException("listener bug");
          }
        };
    RecordingListener healthy = new RecordingListener();
    RecordingMetrics metrics = new RecordingMetrics();
    Constellation c =
        ConstellationImpl.builder()
            .withMetrics(metrics)
            .withListener(ExecutionListener.composite(blocking, throwing, healthy))
            .build();
    c.setModule(upper());
    PipelineImage image =
        Pipeline.builder("plain")
            .input("text", CType.STRING)
            .call("up", "Uppercase", Map.of("text", "text"))
            .output("up")
            .build(c.registry());
    long start = System.nanoTime();
    DataSignature s = null;
    for (int i = 0; i < 200; i++) {
      s = c.run(image, Map.of("text", CValue.of("x")));
      assertThat(s.outputs()).containsEntry("up", CValue.of("X"));
    }
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertThat(ms).isLessThan(5_000);
    healthy.awaitTerminal(s.executionId(), Duration.ofSeconds(5));
    assertThat(healthy.count(EventKind.EXECUTION_COMPLETE)).isEqualTo(200);
    assertThat(metrics.calls.get("constellation.listener.errors")).isNotEmpty();
    never.countDown();
    c.shutdown(Duration.ofSeconds(1));
  }

  @Test
  void aFullListenerQueueDropsEventsAndCountsThem() throws Exception {
    StuckOnStart stuck = new StuckOnStart(false);
    RecordingMetrics metrics = new RecordingMetrics();
    Constellation c =
        ConstellationImpl.builder()
            .withMetrics(metrics)
            .withListener(stuck)
            .withListenerQueueCapacity(4)
            .build();
    c.setModule(upper());
    PipelineImage image =
        Pipeline.builder("plain")
            .input("text", CType.STRING)
            .call("up", "Uppercase", Map.of("text", "text"))
            .output("up")
            .build(c.registry());
    for (int i = 0; i < 10; i++) {
      assertThat(c.run(image, Map.of("text", CValue.of("x"))).status())
          .isEqualTo(PipelineStatus.COMPLETED);
    }
    assertThat(metrics.calls.get("constellation.listener.dropped"))
        .hasSizeGreaterThanOrEqualTo(10 * 4 - 5)
        .allSatisfy(tags -> assertThat(tags).isEqualTo(Map.of("listener", "StuckOnStart")));
    stuck.release();
    c.close();
  }

  @Test
  void eventsQueuedForAStuckListenerDoNotKeepFinishedRunsInMemory() throws Exception {
    StuckOnStart stuck = new StuckOnStart(false);
    Constellation c = ConstellationImpl.builder().withListener(stuck).build();
    c.setModule(upper());
    PipelineImage image =
        Pipeline.builder("plain")
            .input("text", CType.STRING)
            .call("up", "Uppercase", Map.of("text", "text"))
            .output("up")
            .build(c.registry());
    c.run(image, Map.of("text", CValue.of("first")));
    java.lang.ref.WeakReference<DataSignature> result =
        new java.lang.ref.WeakReference<>(
            c.run(image, Map.of("text", CValue.of("x".repeat(1_000)))));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (result.get() != null && System.nanoTime() < deadline) {
      System.gc();
      Thread.sleep(10);
    }
    assertThat(result.get())
        .as("the run's result is collectable while its events wait in the queue")
        .isNull();
    stuck.release();
    c.close();
  }

  @Test
  void theWholeMetricCatalogIsEmittedWithExactlyItsTags() throws Exception {
    RecordingMetrics metrics = new RecordingMetrics();
    StuckOnStart stuckAndThrowing = new StuckOnStart(true);
    Constellation c =
        ConstellationImpl.builder()
            .withMetrics(metrics)
            .withMaxConcurrency(2)
            .withListener(stuckAndThrowing)
            .withListenerQueueCapacity(2)
            .build();
    c.setModule(upper());
    c.setModule(broken());
    PipelineImage image =
        Pipeline.builder("catalog")
            .input("text", CType.STRING)
            .input("later", CType.STRING)
            .call(
                "up",
                "Uppercase",
                Map.of("text", "text"),
                CallOptions.builder().cache(Duration.ofMinutes(1)).build())
            .call(
                "b",
                "Broken",
                Map.of("text", "text"),
                CallOptions.builder().retry(1).fallback(CValue.of("fb")).build())
            .call("l", "Uppercase", Map.of("text", "later"))
            .output("up")
            .output("b")
            .output("l")
            .build(c.registry());
    c.run(image, Map.of("text", CValue.of("a"), "later", CValue.of("b")));
    c.run(image, Map.of("text", CValue.of("a"), "later", CValue.of("b")));
    c.run(image, Map.of("text", CValue.of("a")));
    for (int i = 0; i < 5; i++) {
      c.run(image, Map.of("text", CValue.of("a"), "later", CValue.of("b")));
    }
    stuckAndThrowing.release();
    c.close();
    PipelineImage failing =
        Pipeline.builder("failing")
            .input("text", CType.STRING)
            .call("b", "Broken", Map.of("text", "text"))
            .output("b")
            .build(c.registry());
    Constellation other =
        ConstellationImpl.builder().withMetrics(metrics).withCache(new BrokenCache()).build();
    other.setModule(broken());
    other.setModule(upper());
    other.run(failing, Map.of("text", CValue.of("a")));
    other.run(cachedUpper(other), Map.of("text", CValue.of("a")));
    other.close();

    Set<String> emitted = new HashSet<>(metrics.calls.keySet());
    for (MetricCatalog.Metric m : MetricCatalog.ALL) {
      assertThat(emitted).as("emitted %s", m.name()).contains(m.name());
      assertThat(metrics.kinds.get(m.name())).as("kind of %s", m.name()).isEqualTo(m.kind().name());
      assertThat(metrics.calls.get(m.name()))
          .as("tags of %s", m.name())
          .allSatisfy(
              tags -> assertThat(tags.keySet()).containsExactlyInAnyOrderElementsOf(m.tagKeys()));
    }
    assertThat(emitted)
        .allSatisfy(
            name ->
                assertThat(MetricCatalog.ALL)
                    .anySatisfy(m -> assertThat(m.name()).isEqualTo(name)));
  }

  @Test
  void aCacheBackendThatThrowsOnEveryCallLeavesRunsCorrectAndCountsErrors() {
    RecordingMetrics metrics = new RecordingMetrics();
    Constellation c =
        ConstellationImpl.builder().withCache(new BrokenCache()).withMetrics(metrics).build();
    try (c) {
      c.setModule(upper());
      PipelineImage image = cachedUpper(c);
      for (int i = 0; i < 3; i++) {
        DataSignature s = c.run(image, Map.of("text", CValue.of("q")));
        assertThat(s.status()).isEqualTo(PipelineStatus.COMPLETED);
        assertThat(s.outputs()).containsEntry("up", CValue.of("Q"));
      }
      assertThat(upperCalls).hasValue(3);
      assertThat(metrics.count("constellation.cache.errors", Map.of("backend", "broken")))
          .isEqualTo(6);
      assertThat(metrics.count("constellation.cache.misses", Map.of("backend", "broken")))
          .isEqualTo(3);
    }
  }

  @Test
  void aMetricsProviderThatThrowsChangesNoResult() {
    MetricsProvider throwing =
        new MetricsProvider() {
          @Override
          public void counter(String name, Map<String, String> tags) {
            throw new IllegalStateException("metrics down");
          }

          @Override
          public void histogram(String name, double value, Map<String, String> tags) {
            throw new IllegalStateException("metrics down");
          }

          @Override
          public void gauge(String name, double value, Map<String, String> tags) {
            throw new IllegalStateException("metrics down");
          }
        };
    Constellation c = ConstellationImpl.builder().withMetrics(throwing).build();
    try (c) {
      c.setModule(upper());
      assertThat(c.run(cachedUpper(c), Map.of("text", CValue.of("m"))).outputs())
          .containsEntry("up", CValue.of("M"));
    }
  }

  @Test
  void theTracerSeesAnExecuteSpanWithModuleSpansAsChildrenAcrossThreads() {
    record Span(String name, Map<String, String> attributes, String parent, String thread) {}
    List<Span> spans = new CopyOnWriteArrayList<>();
    ThreadLocal<String> current = new ThreadLocal<>();
    record Ctx(String name) implements TracerProvider.SpanContext {}
    TracerProvider tracer =
        new TracerProvider() {
          @Override
          public <T> T span(
              String name, Map<String, String> attributes, SpanContext parent, Callable<T> body)
              throws Exception {
            String previous = current.get();
            current.set(name);
            Map<String, String> attrs = new ConcurrentHashMap<>(attributes);
            spans.add(
                new Span(
                    name,
                    attrs,
                    parent instanceof Ctx c ? c.name() : null,
                    Thread.currentThread().toString()));
            try {
              return body.call();
            } finally {
              current.set(previous);
            }
          }

          @Override
          public SpanContext currentContext() {
            return current.get() == null ? null : new Ctx(current.get());
          }
        };
    Constellation c = ConstellationImpl.builder().withTracer(tracer).build();
    try (c) {
      c.setModule(upper());
      PipelineImage image =
          Pipeline.builder("traced")
              .input("text", CType.STRING)
              .call("a", "Uppercase", Map.of("text", "text"))
              .call("b", "Uppercase", Map.of("text", "text"))
              .output("a")
              .output("b")
              .build(c.registry());
      c.run(image, Map.of("text", CValue.of("x")));
    }
    assertThat(spans)
        .extracting(Span::name)
        .containsExactly("execute(traced)", "module(Uppercase)", "module(Uppercase)");
    assertThat(spans.get(0).parent()).isNull();
    assertThat(spans.subList(1, 3))
        .allSatisfy(
            s -> {
              assertThat(s.parent()).isEqualTo("execute(traced)");
              assertThat(s.attributes())
                  .containsEntry("module_name", "Uppercase")
                  .containsEntry("dag_name", "traced");
            });
    // the caller runs one branch itself; the other runs on another thread and still has the parent
    assertThat(spans.subList(1, 3))
        .anySatisfy(s -> assertThat(s.thread()).isNotEqualTo(spans.get(0).thread()));
  }
}
