package io.constellation.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.constellation.Constellation;
import io.constellation.ConstellationImpl;
import io.constellation.execution.DataSignature;
import io.constellation.execution.PipelineStatus;
import io.constellation.pipeline.Pipeline;
import io.constellation.pipeline.PipelineImage;
import io.constellation.type.CType;
import io.constellation.type.CValue;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineSmokeTest {
  @Test
  void aTwoStepPipelineComputesItsOutput() {
    TestModules m = new TestModules();
    try (Constellation c = ConstellationImpl.builder().withModules(m.upper(), m.concat()).build()) {
      PipelineImage image =
          Pipeline.builder("smoke")
              .input("text", CType.STRING)
              .call("up", "Uppercase", Map.of("text", "text"))
              .call("both", "Concat", Map.of("a", "text", "b", "up"))
              .output("both")
              .build(c.registry());
      DataSignature s = c.run(image, Map.of("text", CValue.of("ab")));
      assertThat(s.status()).isEqualTo(PipelineStatus.COMPLETED);
      assertThat(s.outputs()).containsEntry("both", CValue.of("abAB"));
      DataSignature suspended = c.run(image, Map.of());
      assertThat(suspended.status()).isEqualTo(PipelineStatus.SUSPENDED);
      assertThat(suspended.missingInputs()).containsEntry("text", CType.STRING);
      DataSignature resumed =
          c.resume(suspended.suspensionHandle().orElseThrow(), Map.of("text", CValue.of("x")));
      assertThat(resumed.outputs()).containsEntry("both", CValue.of("xX"));
      assertThat(resumed.resumptionCount()).isEqualTo(1);
    }
  }
}
