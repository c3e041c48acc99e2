package io.constellation.benchmarks;

import io.constellation.Constellation;
import io.constellation.ConstellationImpl;
import io.constellation.execution.DataSignature;
import io.constellation.execution.PipelineStatus;
import io.constellation.module.Module;
import io.constellation.pipeline.CallOptions;
import io.constellation.pipeline.Pipeline;
import io.constellation.pipeline.PipelineImage;
import io.constellation.type.CType;
import io.constellation.type.CValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * P4's correctness half: {@code concurrent} identical runs of a cached module that takes a while
 * start together on a cold in-memory cache; the module must execute exactly once and every run must
 * return its value.
 */
public final class DedupeCheck {
  /** What happened: how many runs, how many module executions, how many correct results. */
  public record Outcome(int runs, int computations, int correct) {
    public boolean passed() {
      return computations == 1 && correct == runs;
    }
  }

  private DedupeCheck() {}

  public static Outcome run(int concurrent) {
    AtomicInteger computations = new AtomicInteger();
    Module slow =
        Module.builder("bench.SlowUpper")
            .input("s", CType.STRING)
            .output("out", CType.STRING)
            .implementation(
                in -> {
                  computations.incrementAndGet();
                  Thread.sleep(100);
                  return Map.of("out", CValue.of(in.getString("s").toUpperCase()));
                })
            .build();
    try (Constellation engine = ConstellationImpl.builder().withModules(slow).build()) {
      PipelineImage image =
          Pipeline.builder("dedupe")
              .input("s", CType.STRING)
              .call(
                  "u",
                  "bench.SlowUpper",
                  Map.of("s", "s"),
                  CallOptions.builder().cache(Duration.ofMinutes(5)).build())
              .output("u")
              .build(engine.registry());
      String text = Workloads.text(P4CacheHitBenchmark.INPUT_BYTES);
      String expected = text.toUpperCase();
      Map<String, CValue> input = Map.of("s", CValue.of(text));
      List<CompletableFuture<DataSignature>> runs = new ArrayList<>(concurrent);
      for (int i = 0; i < concurrent; i++) {
        runs.add(engine.runAsync(image, input));
      }
      int correct = 0;
      for (CompletableFuture<DataSignature> f : runs) {
        DataSignature s = f.join();
        if (s.status() == PipelineStatus.COMPLETED
            && s.outputs().get("u") instanceof CValue.CString v
            && v.value().equals(expected)) {
          correct++;
        }
      }
      return new Outcome(concurrent, computations.get(), correct);
    }
  }
}
