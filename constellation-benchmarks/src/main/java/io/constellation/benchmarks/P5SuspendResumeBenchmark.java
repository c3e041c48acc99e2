package io.constellation.benchmarks;

import io.constellation.Constellation;
import io.constellation.ConstellationImpl;
import io.constellation.execution.DataSignature;
import io.constellation.execution.PipelineStatus;
import io.constellation.pipeline.PipelineImage;
import io.constellation.type.CValue;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * P5: suspend → save → load → resume of a 100-module pipeline with 50 computed values, on the
 * in-memory suspension store. One op: run with input {@code a} only (50 modules run, the run
 * suspends and the engine saves the snapshot), then resume by handle with {@code b} (load, claim,
 * run the other 50 without re-running the first, delete). Sampled for p99. Comparator: one
 * uninterrupted run of the same pipeline with both inputs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class P5SuspendResumeBenchmark {
  public static final int HALF = 50;

  Constellation engine;
  PipelineImage image;
  Map<String, CValue> a;
  Map<String, CValue> b;
  Map<String, CValue> both;

  @Setup
  public void setup() {
    engine = ConstellationImpl.builder().withModules(Workloads.modules(1)).build();
    image = Workloads.twoHalves(engine.registry(), HALF);
    a = Map.of("a", CValue.of(10));
    b = Map.of("b", CValue.of(20));
    both = Map.of("a", CValue.of(10), "b", CValue.of(20));
  }

  @TearDown
  public void tearDown() {
    engine.shutdown(Duration.ofSeconds(5));
  }

  /** Returns p + q of the resumed run (11 + 21). */
  @Benchmark
  public long suspendSaveLoadResume() {
    DataSignature suspended = engine.run(image, a);
    if (suspended.status() != PipelineStatus.SUSPENDED || suspended.suspensionHandle().isEmpty()) {
      throw new IllegalStateException("expected a saved suspension, got " + suspended.status());
    }
    DataSignature done = engine.resume(suspended.suspensionHandle().get(), b);
    return sum(done);
  }

  @Benchmark
  public long uninterruptedRun() {
    return sum(engine.run(image, both));
  }

  static long sum(DataSignature s) {
    if (s.status() != PipelineStatus.COMPLETED) {
      throw new IllegalStateException("run ended " + s.status() + ": " + s.errors());
    }
    return ((CValue.CInt) s.outputs().get("p")).value()
        + ((CValue.CInt) s.outputs().get("q")).value();
  }
}
