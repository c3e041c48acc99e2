package io.constellation.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.constellation.Constellation;
import io.constellation.ConstellationImpl;
import io.constellation.execution.DataSignature;
import io.constellation.execution.PipelineStatus;
import io.constellation.pipeline.Pipeline;
import io.constellation.pipeline.PipelineImage;
import io.constellation.suspension.SuspensionFilter;
import io.constellation.type.CType;
import io.constellation.type.CValue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BuilderOptionsTest {
  private final TestModules m = new TestModules();

  @Test
  void withDefaultTimeoutBoundsRunsThatSetNoTimeoutOfTheirOwn() {
    try (Constellation c =
        ConstellationImpl.builder()
            .withDefaultTimeout(Duration.ofMillis(80))
            .withModules(m.sleepy("Slow", Duration.ofSeconds(5)))
            .build()) {
      PipelineImage image =
          Pipeline.builder("slow")
              .input("text", CType.STRING)
              .call("s", "Slow", Map.of("text", "text"))
              .output("s")
              .build(c.registry());
      long start = System.nanoTime();
      DataSignature s = c.run(image, Map.of("text", CValue.of("t")));
      assertThat(s.status()).isEqualTo(PipelineStatus.TIMED_OUT);
      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2_000);
    }
  }

  @Test
  void withClockStampsSuspensionsWithTheInjectedTime() {
    Instant fixed = Instant.parse("2030-01-02T03:04:05Z");
    try (Constellation c =
        ConstellationImpl.builder()
            .withClock(Clock.fixed(fixed, ZoneOffset.UTC))
            .withModules(m.upper())
            .build()) {
      PipelineImage image =
          Pipeline.builder("clock")
              .input("text", CType.STRING)
              .call("u", "Uppercase", Map.of("text", "text"))
              .output("u")
              .build(c.registry());
      DataSignature s = c.run(image, Map.of());
      assertThat(s.suspendedState().orElseThrow().createdAt()).isEqualTo(fixed);
      assertThat(c.suspensionStore().list(SuspensionFilter.all()))
          .singleElement()
          .satisfies(summary -> assertThat(summary.createdAt()).isEqualTo(fixed));
    }
  }
}
