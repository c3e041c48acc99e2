package io.constellation.benchmarks;

import io.constellation.Constellation;
import io.constellation.ConstellationImpl;
import io.constellation.pipeline.Pipeline;
import io.constellation.pipeline.PipelineImage;
import io.constellation.type.CType;
import io.constellation.type.CValue;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * P2: a single-module pipeline in a closed loop on two caller threads (each starts its next run
 * when the previous one returned): throughput, and the latency distribution for p99. Comparator:
 * one {@code CompletableFuture} stage on a virtual thread.
 */
@State(Scope.Benchmark)
@Threads(2)
public class P2SingleModuleBenchmark {
  Constellation engine;
  PipelineImage single;
  Map<String, CValue> input;
  ExecutorService vt;

  @Setup
  public void setup() {
    engine = ConstellationImpl.builder().withModules(Workloads.modules(1)).build();
    single =
        Pipeline.builder("single")
            .input("x", CType.INT)
            .call("inc", Workloads.INC, Map.of("x", "x"))
            .output("sink", "inc")
            .build(engine.registry());
    input = Workloads.intInput("x", 41);
    vt = Executors.newVirtualThreadPerTaskExecutor();
  }

  @TearDown
  public void tearDown() {
    engine.shutdown(Duration.ofSeconds(5));
    vt.shutdown();
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public long oursThroughput() {
    return P1ShapesBenchmark.sink(engine.run(single, input));
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public long oursLatency() {
    return P1ShapesBenchmark.sink(engine.run(single, input));
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public long cfThroughput() {
    return CfFloor.single(vt, 41);
  }
}
