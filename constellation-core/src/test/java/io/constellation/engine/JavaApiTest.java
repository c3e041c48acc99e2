package io.constellation.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.constellation.Constellation;
import io.constellation.ConstellationImpl;
import io.constellation.execution.DataSignature;
import io.constellation.module.Module;
import io.constellation.pipeline.Pipeline;
import io.constellation.pipeline.PipelineImage;
import io.constellation.spi.ConstellationBackends;
import io.constellation.type.CType;
import io.constellation.type.CValue;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class JavaApiTest {
  record TextIn(String text, long times) {}

  record WordsOut(List<String> words, long count) {}

  @Test
  void aModuleMadeFromJavaRecordsTakesAndReturnsRecordComponents() {
    Module words =
        Module.of(
            "Words",
            TextIn.class,
            WordsOut.class,
            in -> {
              List<String> w = List.of(in.text().repeat((int) in.times()).trim().split("\\s+"));
              return new WordsOut(w, w.size());
            });
    assertThat(words.inputs())
        .containsEntry("text", CType.STRING)
        .containsEntry("times", CType.INT);
    assertThat(words.outputs())
        .containsEntry("words", CType.list(CType.STRING))
        .containsEntry("count", CType.INT);
    try (Constellation c = ConstellationImpl.builder().withModules(words).build()) {
      PipelineImage image =
          Pipeline.builder("words")
              .input("text", CType.STRING)
              .input("times", CType.INT)
              .call("w", "Words", Map.of("text", "text", "times", "times"))
              .output("w")
              .output("count", "w.count")
              .build(c.registry());
      DataSignature s = c.run(image, Map.of("text", CValue.of("a b "), "times", CValue.of(2L)));
      assertThat(s.outputs())
          .containsEntry("w", CValue.ofStrings(List.of("a", "b", "a", "b")))
          .containsEntry("count", CValue.of(4L));
    }
  }

  @Test
  void withExecutorRunsModulesOnTheGivenExecutor() {
    ExecutorService pool = Executors.newFixedThreadPool(2, r -> new Thread(r, "custom-pool"));
    Set<String> threads = ConcurrentHashMap.newKeySet();
    Module where =
        Module.builder("Where")
            .input("x", CType.STRING)
            .output("out", CType.STRING)
            .implementation(
                in -> {
                  threads.add(Thread.currentThread().getName());
                  return Map.of("out", in.get("x"));
                })
            .build();
    try (Constellation c =
        ConstellationImpl.builder()
            .withBackends(ConstellationBackends.defaults())
            .withExecutor(pool)
            .withModules(where)
            .build()) {
      Pipeline.Builder b = Pipeline.builder("where").input("x", CType.STRING);
      for (int i = 0; i < 5; i++) {
        b.call("w" + i, "Where", Map.of("x", "x")).output("w" + i);
      }
      assertThat(c.run(b.build(c.registry()), Map.of("x", CValue.of("v"))).outputs()).hasSize(5);
    } finally {
      pool.shutdownNow();
    }
    assertThat(threads).containsOnly("custom-pool");
  }
}
