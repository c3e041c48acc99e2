package io.constellation.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Runs every benchmark body a few times without JMH and checks its result, so the benchmarks
 * compile, run and compute the right values in every {@code make test}. Timing is not asserted.
 */
class BenchmarksSmokeTest {
  private static final int CALLS = 3;
  private static final long LATTICE_SINK = 465_428_353_255_261_088L; // C(62, 31)

  @Test
  @DisplayName("P1: the engine, the CompletableFuture floor and ParSeq compute every shape right")
  void p1ShapesComputeTheirValues() throws Exception {
    assertThat(Workloads.latticeSink(Workloads.SIDE)).isEqualTo(LATTICE_SINK);
    P1ShapesBenchmark b = new P1ShapesBenchmark();
    b.setup();
    try {
      for (int i = 0; i < CALLS; i++) {
        assertThat(b.oursChain()).isEqualTo(1000);
        assertThat(b.oursFanOut()).isEqualTo(1000);
        assertThat(b.oursLattice()).isEqualTo(LATTICE_SINK);
        assertThat(b.cfChain()).isEqualTo(1000);
        assertThat(b.cfFanOut()).isEqualTo(1000);
        assertThat(b.cfLattice()).isEqualTo(LATTICE_SINK);
        assertThat(b.parseqChain()).isEqualTo(1000);
        assertThat(b.parseqFanOut()).isEqualTo(1000);
        assertThat(b.parseqLattice()).isEqualTo(LATTICE_SINK);
      }
    } finally {
      b.tearDown();
    }
  }

  @Test
  @DisplayName("P2: a single-module run returns its input plus one")
  void p2SingleModuleRuns() {
    P2SingleModuleBenchmark b = new P2SingleModuleBenchmark();
    b.setup();
    try {
      for (int i = 0; i < CALLS; i++) {
        assertThat(b.oursThroughput()).isEqualTo(42);
        assertThat(b.oursLatency()).isEqualTo(42);
        assertThat(b.cfThroughput()).isEqualTo(42);
      }
    } finally {
      b.tearDown();
    }
  }

  @Test
  @DisplayName("P3: the observed lattice is right and its listeners, metrics and tracer all saw it")
  void p3ObservedLatticeReachesEveryObserver() {
    P3ObservedBenchmark b = new P3ObservedBenchmark();
    b.setup();
    try {
      for (int i = 0; i < CALLS; i++) {
        assertThat(b.defaults()).isEqualTo(LATTICE_SINK);
        assertThat(b.observed()).isEqualTo(LATTICE_SINK);
        assertThat(b.onlyCountingListener()).isEqualTo(LATTICE_SINK);
        assertThat(b.onlySleepingListener()).isEqualTo(LATTICE_SINK);
        assertThat(b.onlyThrowingListener()).isEqualTo(LATTICE_SINK);
        assertThat(b.onlyMetrics()).isEqualTo(LATTICE_SINK);
        assertThat(b.onlyTracer()).isEqualTo(LATTICE_SINK);
      }
      int modules = Workloads.SIDE * Workloads.SIDE;
      assertThat(b.metrics.count("constellation.module.completed"))
          .isEqualTo((long) CALLS * modules);
      assertThat(b.tracer.spans.sum()).isEqualTo((long) CALLS * (modules + 1));
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (b.counting.events.get() < (long) CALLS * (2 * modules + 2)
          && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertThat(b.counting.events.get()).isEqualTo((long) CALLS * (2 * modules + 2));
    } finally {
      b.tearDown();
    }
  }

  @Test
  @DisplayName("P4: a cached chain is served from the cache, the raw comparator finds its entry")
  void p4CacheHitsReturnTheCachedValue() {
    P4CacheHitBenchmark b = new P4CacheHitBenchmark();
    b.setup();
    try {
      for (int i = 0; i < CALLS; i++) {
        assertThat(b.oursHitChain()).isEqualTo(P4CacheHitBenchmark.INPUT_BYTES);
        assertThat(b.rawKeyAndGet()).isNotNull();
      }
    } finally {
      b.tearDown();
    }
  }

  @Test
  @DisplayName("P4: 1000 concurrent identical misses execute the module once and all get its value")
  void p4ConcurrentMissesComputeOnce() {
    DedupeCheck.Outcome o = DedupeCheck.run(1000);
    assertThat(o.computations()).isEqualTo(1);
    assertThat(o.correct()).isEqualTo(1000);
    assertThat(o.passed()).isTrue();
  }

  @Test
  @DisplayName("P5: suspend, save, load and resume completes with both halves computed")
  void p5SuspendResumeCompletes() {
    P5SuspendResumeBenchmark b = new P5SuspendResumeBenchmark();
    b.setup();
    try {
      for (int i = 0; i < CALLS; i++) {
        assertThat(b.suspendSaveLoadResume()).isEqualTo(11 + 21);
        assertThat(b.uninterruptedRun()).isEqualTo(11 + 21);
      }
      assertThat(
              b.engine.suspensionStore().list(io.constellation.suspension.SuspensionFilter.all()))
          .as("completed resumes delete their suspension")
          .isEmpty();
    } finally {
      b.tearDown();
    }
  }

  @Test
  @DisplayName("P6: the generated source has 500 lines and compiles; recompiling it hits the index")
  void p6CompilesAndRecompiles() {
    P6CompileBenchmark b = new P6CompileBenchmark();
    b.setup();
    try {
      assertThat(b.unchanged.lines().count()).isEqualTo(P6CompileBenchmark.LINES);
      int nodes = b.compileFresh();
      assertThat(nodes).isGreaterThan(300);
      long parses = b.compiler.parseCount();
      for (int i = 0; i < CALLS; i++) {
        assertThat(b.recompileUnchanged()).isEqualTo(nodes);
      }
      assertThat(b.compiler.parseCount()).as("unchanged recompiles do not parse").isEqualTo(parses);
      assertThat(b.compileFresh()).isEqualTo(nodes);
      assertThat(b.compiler.parseCount()).isEqualTo(parses + 1);
    } finally {
      b.tearDown();
    }
  }
}
