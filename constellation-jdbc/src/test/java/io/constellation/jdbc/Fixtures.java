package io.constellation.jdbc;

import io.constellation.module.ModuleRegistry;
import io.constellation.pipeline.Pipeline;
import io.constellation.pipeline.PipelineImage;
import io.constellation.suspension.SuspendedExecution;
import io.constellation.type.CType;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Small images and suspensions for the adapter's own tests (the TCK brings richer ones). */
final class Fixtures {
  static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123456789Z");

  private Fixtures() {}

  /** A pass-through pipeline; different {@code input} names give different structural hashes. */
  static PipelineImage image(String input) {
    return Pipeline.builder("echo-" + input)
        .input(input, CType.STRING)
        .output(input)
        .build(new ModuleRegistry());
  }

  static SuspendedExecution suspension(PipelineImage image, int resumptionCount, Instant at) {
    return new SuspendedExecution(
        UUID.randomUUID(),
        image,
        Map.of(),
        Map.of(),
        Map.copyOf(image.dag().inputs()),
        resumptionCount,
        at,
        resumptionCount == 0 ? Optional.empty() : Optional.of(at.plusSeconds(1)));
  }
}
