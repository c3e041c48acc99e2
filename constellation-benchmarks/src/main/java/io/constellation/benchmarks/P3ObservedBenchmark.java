package io.constellation.benchmarks;

import io.constellation.Constellation;
import io.constellation.ConstellationImpl;
import io.constellation.pipeline.PipelineImage;
import io.constellation.spi.ExecutionListener;
import io.constellation.spi.MetricsProvider;
import io.constellation.spi.TracerProvider;
import io.constellation.type.CValue;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * P3: the P1 lattice with three listeners (counting, sleeping 1 ms per event, throwing), an
 * in-memory counting metrics provider and a ThreadLocal tracer, against the same lattice on an
 * engine with default (noop) backends, measured in the same fork.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class P3ObservedBenchmark {
  Constellation plain;
  Constellation observed;
  PipelineImage plainLattice;
  PipelineImage observedLattice;
  Map<String, CValue> one;
  CountingListener counting;
  CountingMetrics metrics;
  ThreadLocalTracer tracer;

  /** One observer at a time, to attribute the cost of {@link #observed()} (see performance.md). */
  Constellation countingOnly;

  Constellation sleepingOnly;
  Constellation throwingOnly;
  Constellation metricsOnly;
  Constellation tracerOnly;
  Map<Constellation, PipelineImage> lattices = new java.util.IdentityHashMap<>();

  private Constellation single(ConstellationImpl.Builder b) {
    Constellation c = b.withModules(Workloads.modules(1)).build();
    lattices.put(c, Workloads.lattice(c.registry(), Workloads.SIDE));
    return c;
  }

  @Setup
  public void setup() {
    countingOnly = single(ConstellationImpl.builder().withListener(new CountingListener()));
    sleepingOnly = single(ConstellationImpl.builder().withListener(new SleepingListener()));
    throwingOnly = single(ConstellationImpl.builder().withListener(new ThrowingListener()));
    metricsOnly = single(ConstellationImpl.builder().withMetrics(new CountingMetrics()));
    tracerOnly = single(ConstellationImpl.builder().withTracer(new ThreadLocalTracer()));
    plain = ConstellationImpl.builder().withModules(Workloads.modules(1)).build();
    counting = new CountingListener();
    metrics = new CountingMetrics();
    tracer = new ThreadLocalTracer();
    observed =
        ConstellationImpl.builder()
            .withModules(Workloads.modules(1))
            .withListener(counting)
            .withListener(new SleepingListener())
            .withListener(new ThrowingListener())
            .withMetrics(metrics)
            .withTracer(tracer)
            .build();
    plainLattice = Workloads.lattice(plain.registry(), Workloads.SIDE);
    observedLattice = Workloads.lattice(observed.registry(), Workloads.SIDE);
    one = Workloads.intInput("x", 1);
  }

  @TearDown
  public void tearDown() {
    for (Constellation c : lattices.keySet()) {
      c.shutdown(Duration.ZERO);
    }
    plain.shutdown(Duration.ofSeconds(5));
    observed.shutdown(Duration.ZERO);
  }

  @Benchmark
  public long defaults() {
    return P1ShapesBenchmark.sink(plain.run(plainLattice, one));
  }

  @Benchmark
  public long observed() {
    return P1ShapesBenchmark.sink(observed.run(observedLattice, one));
  }

  @Benchmark
  public long onlyCountingListener() {
    return P1ShapesBenchmark.sink(countingOnly.run(lattices.get(countingOnly), one));
  }

  @Benchmark
  public long onlySleepingListener() {
    return P1ShapesBenchmark.sink(sleepingOnly.run(lattices.get(sleepingOnly), one));
  }

  @Benchmark
  public long onlyThrowingListener() {
    return P1ShapesBenchmark.sink(throwingOnly.run(lattices.get(throwingOnly), one));
  }

  @Benchmark
  public long onlyMetrics() {
    return P1ShapesBenchmark.sink(metricsOnly.run(lattices.get(metricsOnly), one));
  }

  @Benchmark
  public long onlyTracer() {
    return P1ShapesBenchmark.sink(tracerOnly.run(lattices.get(tracerOnly), one));
  }

  /** Counts every event. */
  public static final class CountingListener implements ExecutionListener {
    public final AtomicLong events = new AtomicLong();

    @Override
    public void onExecutionStart(UUID executionId, String dagName) {
      events.incrementAndGet();
    }

    @Override
    public void onModuleStart(UUID executionId, UUID moduleId, String moduleName) {
      events.incrementAndGet();
    }

    @Override
    public void onModuleComplete(UUID executionId, UUID moduleId, String moduleName, long ms) {
      events.incrementAndGet();
    }

    @Override
    public void onExecutionComplete(UUID executionId, String dagName, boolean ok, long ms) {
      events.incrementAndGet();
    }
  }

  /** Sleeps 1 ms per module event: its queue fills and the engine drops (and counts) events. */
  public static final class SleepingListener implements ExecutionListener {
    @Override
    public void onModuleStart(UUID executionId, UUID moduleId, String moduleName) {
      sleep();
    }

    @Override
    public void onModuleComplete(UUID executionId, UUID moduleId, String moduleName, long ms) {
      sleep();
    }

    private static void sleep() {
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Throws on every module event. */
  public static final class ThrowingListener implements ExecutionListener {
    @Override
    public void onModuleStart(UUID executionId, UUID moduleId, String moduleName) {
      throw new IllegalStateException("listener failure (benchmark)");
    }

    @Override
    public void onModuleComplete(UUID executionId, UUID moduleId, String moduleName, long ms) {
      throw new IllegalStateException("listener failure (benchmark)");
    }
  }

  /** Counts calls per metric name in memory. */
  public static final class CountingMetrics implements MetricsProvider {
    public final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    private void bump(String name) {
      LongAdder a = counts.get(name);
      if (a == null) {
        a = counts.computeIfAbsent(name, k -> new LongAdder());
      }
      a.increment();
    }

    @Override
    public void counter(String name, Map<String, String> tags) {
      bump(name);
    }

    @Override
    public void histogram(String name, double value, Map<String, String> tags) {
      bump(name);
    }

    @Override
    public void gauge(String name, double value, Map<String, String> tags) {
      bump(name);
    }

    public long count(String name) {
      LongAdder a = counts.get(name);
      return a == null ? 0 : a.sum();
    }
  }

  /** Keeps the open spans of a thread in a ThreadLocal stack; counts the spans it opened. */
  public static final class ThreadLocalTracer implements TracerProvider {
    private record Span(String name, Span parent) implements SpanContext {}

    private final ThreadLocal<ArrayDeque<Span>> open = ThreadLocal.withInitial(ArrayDeque::new);
    public final LongAdder spans = new LongAdder();

    @Override
    public <T> T span(
        String name, Map<String, String> attributes, SpanContext parent, Callable<T> body)
        throws Exception {
      ArrayDeque<Span> stack = open.get();
      stack.push(new Span(name, (Span) parent));
      spans.increment();
      try {
        return body.call();
      } finally {
        stack.pop();
      }
    }

    @Override
    public SpanContext currentContext() {
      return open.get().peek();
    }
  }
}
