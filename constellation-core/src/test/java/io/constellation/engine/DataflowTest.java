package io.constellation.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.constellation.Constellation;
import io.constellation.ConstellationImpl;
import io.constellation.InputValidationException;
import io.constellation.PipelineValidationException;
import io.constellation.execution.DataSignature;
import io.constellation.execution.PipelineStatus;
import io.constellation.module.Module;
import io.constellation.pipeline.Pipeline;
import io.constellation.pipeline.PipelineImage;
import io.constellation.type.CType;
import io.constellation.type.CValue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DataflowTest {
  private final TestModules m = new TestModules();
  private final Constellation c = ConstellationImpl.builder().build();

  @AfterEach
  void close() {
    c.close();
  }

  @Test
  void twoIndependent200msModulesFinishTogetherInWellUnder400ms() {
    c.setModule(m.sleepy("SlowA", Duration.ofMillis(200)));
    c.setModule(m.sleepy("SlowB", Duration.ofMillis(200)));
    PipelineImage image =
        Pipeline.builder("parallel")
            .input("text", CType.STRING)
            .call("a", "SlowA", Map.of("text", "text"))
            .call("b", "SlowB", Map.of("text", "text"))
            .output("a")
            .output("b")
            .build(c.registry());
    c.run(image, Map.of("text", CValue.of("warm")));
    long start = System.nanoTime();
    DataSignature s = c.run(image, Map.of("text", CValue.of("x")));
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertThat(s.status()).isEqualTo(PipelineStatus.COMPLETED);
    assertThat(s.outputs())
        .containsEntry("a", CValue.of("x+SlowA"))
        .containsEntry("b", CValue.of("x+SlowB"));
    assertThat(ms).isGreaterThanOrEqualTo(200).isLessThan(350);
  }

  @Test
  void aChainRunsEachModuleAfterTheOneItDependsOn() {
    List<String> order = new CopyOnWriteArrayList<>();
    for (String name : List.of("First", "Second", "Third")) {
      c.setModule(
          Module.builder(name)
              .input("text", CType.STRING)
              .output("result", CType.STRING)
              .implementation(
                  in -> {
                    order.add(name);
                    Thread.sleep(20);
                    return Map.of("result", CValue.of(in.getString("text") + name.charAt(0)));
                  })
              .build());
    }
    PipelineImage image =
        Pipeline.builder("chain")
            .input("text", CType.STRING)
            .call("one", "First", Map.of("text", "text"))
            .call("two", "Second", Map.of("text", "one"))
            .call("three", "Third", Map.of("text", "two"))
            .output("three")
            .build(c.registry());
    DataSignature s = c.run(image, Map.of("text", CValue.of(">")));
    assertThat(order).containsExactly("First", "Second", "Third");
    assertThat(s.outputs()).containsEntry("three", CValue.of(">FST"));
  }

  @Test
  void aLongChainAndAWideFanOutComputeEveryValue() {
    c.setModule(m.inc());
    Pipeline.Builder chain = Pipeline.builder("chain").input("n", CType.INT);
    String prev = "n";
    for (int i = 0; i < 500; i++) {
      chain.call("c" + i, "Inc", Map.of("n", prev));
      prev = "c" + i;
    }
    DataSignature s =
        c.run(chain.output("last", prev).build(c.registry()), Map.of("n", CValue.of(0L)));
    assertThat(s.outputs()).containsEntry("last", CValue.of(500L));

    Pipeline.Builder fan = Pipeline.builder("fan").input("n", CType.INT);
    for (int i = 0; i < 300; i++) {
      fan.call("f" + i, "Inc", Map.of("n", "n")).output("f" + i);
    }
    DataSignature f = c.run(fan.build(c.registry()), Map.of("n", CValue.of(41L)));
    assertThat(f.outputs())
        .hasSize(300)
        .allSatisfy((k, v) -> assertThat(v).isEqualTo(CValue.of(42L)));
  }

  @Test
  void invalidInputsFailBeforeAnythingRunsAndEveryProblemIsListed() {
    c.setModule(m.upper());
    PipelineImage image =
        Pipeline.builder("validate")
            .input("text", CType.STRING)
            .call("up", "Uppercase", Map.of("text", "text"))
            .output("up")
            .build(c.registry());
    assertThatThrownBy(() -> c.run(image, Map.of("text", CValue.of(3L), "extra", CValue.of("x"))))
        .isInstanceOf(InputValidationException.class)
        .satisfies(
            e ->
                assertThat(((InputValidationException) e).problems())
                    .anySatisfy(
                        p ->
                            assertThat(p)
                                .contains("'text'")
                                .contains("expected String but was Int"))
                    .anySatisfy(p -> assertThat(p).contains("unknown input 'extra'")));
    assertThat(m.calls("Uppercase")).isZero();
  }

  @Test
  void anUnknownModuleOrMistypedBindingIsReportedWhenTheImageIsBuilt() {
    c.setModule(m.inc());
    assertThatThrownBy(
            () ->
                Pipeline.builder("bad")
                    .input("text", CType.STRING)
                    .call("a", "Inc", Map.of("n", "text"))
                    .call("b", "Nope", Map.of("x", "text"))
                    .output("a")
                    .build(c.registry()))
        .isInstanceOf(PipelineValidationException.class)
        .hasMessageContaining("unknown module 'Nope'");
    assertThatThrownBy(
            () ->
                Pipeline.builder("bad")
                    .input("text", CType.STRING)
                    .call("a", "Inc", Map.of("n", "text"))
                    .output("a")
                    .build(c.registry()))
        .isInstanceOf(PipelineValidationException.class)
        .hasMessageContaining("input 'n' of module 'Inc' expects Int but 'text' is String");
  }

  @Test
  void anOptionalInputThatIsNotGivenIsNoneAndDoesNotSuspend() {
    c.setModule(
        Module.builder("OrDefault")
            .input("maybe", CType.optional(CType.STRING))
            .output("result", CType.STRING)
            .implementation(
                in -> Map.of("result", in.getOptional("maybe").orElse(CValue.of("none"))))
            .build());
    PipelineImage image =
        Pipeline.builder("opt")
            .input("maybe", CType.optional(CType.STRING))
            .call("r", "OrDefault", Map.of("maybe", "maybe"))
            .output("r")
            .build(c.registry());
    DataSignature s = c.run(image, Map.of());
    assertThat(s.status()).isEqualTo(PipelineStatus.COMPLETED);
    assertThat(s.outputs()).containsEntry("r", CValue.of("none"));
  }
}
