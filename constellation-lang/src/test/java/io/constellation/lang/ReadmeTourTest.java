package io.constellation.lang;

import static org.assertj.core.api.Assertions.assertThat;

import io.constellation.Constellation;
import io.constellation.ConstellationImpl;
import io.constellation.execution.DataSignature;
import io.constellation.execution.PipelineStatus;
import io.constellation.lang.examples.ExampleModules;
import io.constellation.module.Module;
import io.constellation.pipeline.CallOptions;
import io.constellation.pipeline.Pipeline;
import io.constellation.pipeline.PipelineImage;
import io.constellation.type.CType;
import io.constellation.type.CValue;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's five-minute tour (steps 1 to 4), as written there. */
class ReadmeTourTest {
  @Test
  void theTourRunsAsTheReadmeShowsIt() throws Exception {
    // 1. Write a module
    Constellation engine = ConstellationImpl.builder().build();
    engine.setModule(
        Module.builder("Uppercase")
            .input("text", CType.STRING)
            .output("result", CType.STRING)
            .implementation(in -> Map.of("result", CValue.of(in.getString("text").toUpperCase())))
            .build());

    // 2. Wire a pipeline, with the builder and with the language
    PipelineImage image =
        Pipeline.builder("shout")
            .input("text", CType.STRING)
            .call(
                "upper",
                "Uppercase",
                Map.of("text", "text"),
                CallOptions.builder()
                    .retry(2)
                    .timeout(Duration.ofSeconds(2))
                    .cache(Duration.ofMinutes(5))
                    .build())
            .output("upper")
            .build(engine.registry());
    PipelineImage same =
        ConstellationCompiler.forEngine(engine)
            .compileOrThrow(
                """
        in text: String
        upper = Uppercase(text) with retry: 2, timeout: 2s, cache: 5min
        out upper
        """,
                "shout");
    assertThat(same.structuralHash()).isEqualTo(image.structuralHash());

    // 3. Run it
    DataSignature result = engine.run(image, Map.of("text", CValue.of("hello")));
    assertThat(result.status()).isEqualTo(PipelineStatus.COMPLETED);
    assertThat(result.outputs().get("upper")).isEqualTo(CValue.of("HELLO"));
    assertThat(engine.run("shout", Map.of("text", CValue.of("hi"))).outputs().get("upper"))
        .isEqualTo(CValue.of("HI"));

    // 4. Suspend and resume (examples/approval.cst)
    ExampleModules.register(engine);
    PipelineImage approval =
        ConstellationCompiler.forEngine(engine)
            .compileOrThrow(
                Files.readString(Engines.examples().resolve("approval.cst")), "approval");
    CValue request =
        CValue.record(Map.of("requester", CValue.of("dana"), "amount", CValue.of(4200L)));
    DataSignature waiting = engine.run(approval, Map.of("request", request));
    assertThat(waiting.missingInputs())
        .containsOnlyKeys("approved")
        .containsEntry("approved", CType.BOOLEAN);
    DataSignature done =
        engine.resume(
            waiting.suspensionHandle().orElseThrow(), Map.of("approved", CValue.of(true)));
    assertThat(done.status()).isEqualTo(PipelineStatus.COMPLETED);
    assertThat(done.outputs().get("message").toString()).contains("approved");
    engine.close();
  }
}
