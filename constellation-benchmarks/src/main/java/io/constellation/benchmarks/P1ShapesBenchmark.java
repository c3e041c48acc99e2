package io.constellation.benchmarks;

import io.constellation.Constellation;
import io.constellation.ConstellationImpl;
import io.constellation.execution.DataSignature;
import io.constellation.execution.PipelineStatus;
import io.constellation.pipeline.PipelineImage;
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

/**
 * P1: per-module overhead on three shapes (chain of 1000, fan-out of 1000 + join, 32×32 lattice)
 * with default backends, against the hand-written {@link CfFloor} and {@link ParSeqShapes}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class P1ShapesBenchmark {
  Constellation engine;
  PipelineImage chain;
  PipelineImage fanOut;
  PipelineImage lattice;
  Map<String, CValue> zero;
  Map<String, CValue> one;
  ExecutorService vt;
  ParSeqShapes parseq;

  @Setup
  public void setup() {
    engine = ConstellationImpl.builder().withModules(Workloads.modules(Workloads.FANOUT)).build();
    chain = Workloads.chain(engine.registry(), Workloads.CHAIN);
    fanOut = Workloads.fanOut(engine.registry(), Workloads.FANOUT);
    lattice = Workloads.lattice(engine.registry(), Workloads.SIDE);
    zero = Workloads.intInput("x", 0);
    one = Workloads.intInput("x", 1);
    vt = Executors.newVirtualThreadPerTaskExecutor();
    parseq = new ParSeqShapes();
  }

  @TearDown
  public void tearDown() {
    engine.shutdown(Duration.ofSeconds(5));
    vt.shutdown();
    parseq.close();
  }

  static long sink(DataSignature s) {
    if (s.status() != PipelineStatus.COMPLETED) {
      throw new IllegalStateException("run ended " + s.status() + ": " + s.errors());
    }
    return ((CValue.CInt) s.outputs().get("sink")).value();
  }

  @Benchmark
  public long oursChain() {
    return sink(engine.run(chain, zero));
  }

  @Benchmark
  public long oursFanOut() {
    return sink(engine.run(fanOut, zero));
  }

  @Benchmark
  public long oursLattice() {
    return sink(engine.run(lattice, one));
  }

  @Benchmark
  public long cfChain() {
    return CfFloor.chain(vt, Workloads.CHAIN, 0);
  }

  @Benchmark
  public long cfFanOut() {
    return CfFloor.fanOut(vt, Workloads.FANOUT, 0);
  }

  @Benchmark
  public long cfLattice() {
    return CfFloor.lattice(vt, Workloads.SIDE, 1);
  }

  @Benchmark
  public long parseqChain() throws InterruptedException {
    return parseq.chain(Workloads.CHAIN, 0);
  }

  @Benchmark
  public long parseqFanOut() throws InterruptedException {
    return parseq.fanOut(Workloads.FANOUT, 0);
  }

  @Benchmark
  public long parseqLattice() throws InterruptedException {
    return parseq.lattice(Workloads.SIDE, 1);
  }
}
