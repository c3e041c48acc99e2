package io.constellation.benchmarks;

import io.constellation.Constellation;
import io.constellation.ConstellationImpl;
import io.constellation.cache.CacheKeyGenerator;
import io.constellation.execution.DataSignature;
import io.constellation.execution.PipelineStatus;
import io.constellation.module.Module;
import io.constellation.pipeline.PipelineImage;
import io.constellation.type.CValue;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
 * P4: the cached-call hit path with the in-memory backend and a 1 KB String input. The engine side
 * runs a chain of {@value #HITS} cached Echo calls whose results are all in the cache, so a run is
 * {@value #HITS} hits (the score is per run; the table divides by {@value #HITS}). The comparator
 * is the least any cache can do: the engine's key ({@link CacheKeyGenerator#forModuleResult},
 * SHA-256 of the canonical input) and a {@link ConcurrentHashMap} get.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class P4CacheHitBenchmark {
  public static final int HITS = 100;
  public static final int INPUT_BYTES = 1024;

  Constellation engine;
  PipelineImage chain;
  Map<String, CValue> input;
  String text;
  String version;
  Map<String, CValue> moduleInputs;
  ConcurrentHashMap<String, Object> raw;

  @Setup
  public void setup() {
    Module[] modules = Workloads.modules(1);
    engine = ConstellationImpl.builder().withModules(modules).build();
    chain = Workloads.cachedEchoChain(engine.registry(), HITS);
    text = Workloads.text(INPUT_BYTES);
    input = Map.of("s", CValue.of(text));
    DataSignature first = engine.run(chain, input);
    if (first.status() != PipelineStatus.COMPLETED) {
      throw new IllegalStateException("warming run failed: " + first.errors());
    }
    Module echo = engine.getModule(Workloads.ECHO).orElseThrow();
    version = echo.metadata().cacheIdentity();
    moduleInputs = Map.of("s", CValue.of(text));
    raw = new ConcurrentHashMap<>();
    raw.put(
        CacheKeyGenerator.forModuleResult(Workloads.ECHO, version, moduleInputs),
        Map.of("out", CValue.of(text)));
  }

  @TearDown
  public void tearDown() {
    engine.shutdown(Duration.ofSeconds(5));
  }

  /** One run = {@value #HITS} cache hits; returns the sink's length. */
  @Benchmark
  public long oursHitChain() {
    DataSignature s = engine.run(chain, input);
    if (s.status() != PipelineStatus.COMPLETED) {
      throw new IllegalStateException("run ended " + s.status() + ": " + s.errors());
    }
    return ((CValue.CString) s.outputs().get("sink")).value().length();
  }

  /** One hit: key hash + map get. */
  @Benchmark
  public Object rawKeyAndGet() {
    return raw.get(CacheKeyGenerator.forModuleResult(Workloads.ECHO, version, moduleInputs));
  }
}
