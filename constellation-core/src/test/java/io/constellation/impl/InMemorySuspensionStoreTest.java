package io.constellation.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.constellation.StoreException;
import io.constellation.module.Module;
import io.constellation.module.ModuleRegistry;
import io.constellation.pipeline.CallOptions;
import io.constellation.pipeline.DagSpec;
import io.constellation.pipeline.DataNode;
import io.constellation.pipeline.ModuleNode;
import io.constellation.pipeline.PipelineImage;
import io.constellation.suspension.SuspendedExecution;
import io.constellation.suspension.SuspensionFilter;
import io.constellation.suspension.SuspensionHandle;
import io.constellation.type.CType;
import io.constellation.type.CValue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** TTL and codec validation of the default suspension store (the TCK covers the contract). */
class InMemorySuspensionStoreTest {
  private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

  /** A clock that moves only when told to. */
  private static final class ManualClock extends Clock {
    private volatile Instant now = START;

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  private static PipelineImage image() {
    ModuleRegistry registry = new ModuleRegistry();
    registry.register(
        Module.builder("upper")
            .input("text", CType.STRING)
            .output("result", CType.STRING)
            .implementation(in -> Map.of("result", CValue.of(in.getString("text").toUpperCase())))
            .build());
    DagSpec dag =
        new DagSpec(
            "p",
            Map.of(
                "text",
                new DataNode("text", CType.STRING),
                "out",
                new DataNode("out", CType.STRING)),
            List.of(
                new ModuleNode(
                    "n",
                    "upper",
                    Map.of("text", "text"),
                    Map.of("result", "out"),
                    CallOptions.DEFAULT)),
            Map.of("out", "out"));
    return PipelineImage.of(dag, registry::find, registry.hash(), Optional.empty(), START);
  }

  private static SuspendedExecution suspension(PipelineImage image) {
    return new SuspendedExecution(
        UUID.randomUUID(),
        image,
        Map.of(),
        Map.of("out", CValue.of("X")),
        Map.of("text", CType.STRING),
        0,
        START,
        Optional.empty());
  }

  @Test
  void aSuspensionExpiresItsTtlAfterItWasSaved() {
    ManualClock clock = new ManualClock();
    InMemorySuspensionStore store =
        new InMemorySuspensionStore().withClock(clock).withTtl(Duration.ofMinutes(10));
    SuspensionHandle h = store.save(suspension(image()));
    clock.advance(Duration.ofMinutes(9));
    assertThat(store.load(h)).isPresent();
    assertThat(store.list(SuspensionFilter.all())).hasSize(1);
    clock.advance(Duration.ofMinutes(1));
    assertThat(store.load(h)).isEmpty();
    assertThat(store.list(SuspensionFilter.all())).isEmpty();
    assertThat(store.delete(h)).isFalse();
  }

  @Test
  void replacingRestartsTheTtl() {
    ManualClock clock = new ManualClock();
    InMemorySuspensionStore store =
        new InMemorySuspensionStore().withClock(clock).withTtl(Duration.ofMinutes(10));
    SuspensionHandle h = store.save(suspension(image()));
    clock.advance(Duration.ofMinutes(8));
    store.replace(h, suspension(image()));
    clock.advance(Duration.ofMinutes(8));
    assertThat(store.load(h)).isPresent();
    clock.advance(Duration.ofMinutes(2));
    assertThat(store.load(h)).isEmpty();
  }

  @Test
  void withoutTtlSuspensionsNeverExpire() {
    ManualClock clock = new ManualClock();
    InMemorySuspensionStore store = new InMemorySuspensionStore().withClock(clock);
    SuspensionHandle h = store.save(suspension(image()));
    clock.advance(Duration.ofDays(3650));
    assertThat(store.load(h)).isPresent();
    assertThat(store.ttl()).isEmpty();
  }

  @Test
  void aNonPositiveTtlIsRejected() {
    assertThatThrownBy(() -> new InMemorySuspensionStore().withTtl(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ttl");
  }

  @Test
  void optionsAreKeptByTheOtherWithMethods() {
    InMemorySuspensionStore store =
        new InMemorySuspensionStore()
            .withCodecValidation()
            .withTtl(Duration.ofSeconds(5))
            .withClock(new ManualClock());
    assertThat(store.validatesCodec()).isTrue();
    assertThat(store.ttl()).contains(Duration.ofSeconds(5));
  }

  @Test
  void codecValidationStoresTheDecodedCopy() {
    InMemorySuspensionStore store = new InMemorySuspensionStore().withCodecValidation();
    SuspendedExecution s = suspension(image());
    SuspensionHandle h = store.save(s);
    SuspendedExecution loaded = store.load(h).orElseThrow();
    assertThat(loaded).isEqualTo(s).isNotSameAs(s);
  }

  @Test
  void codecValidationRejectsASuspensionThatDoesNotReadBack() {
    PipelineImage good = image();
    PipelineImage forged =
        new PipelineImage(
            "0".repeat(64),
            good.syntacticHash(),
            good.registryHash(),
            good.dag(),
            good.compiledAt());
    InMemorySuspensionStore store = new InMemorySuspensionStore().withCodecValidation();
    assertThatThrownBy(() -> store.save(suspension(forged)))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("cannot be serialized")
        .hasCauseInstanceOf(RuntimeException.class);
    assertThat(store.list(SuspensionFilter.all())).isEmpty();
  }

  @Test
  void withoutValidationTheSameObjectIsKept() {
    InMemorySuspensionStore store = new InMemorySuspensionStore();
    SuspendedExecution s = suspension(image());
    assertThat(store.load(store.save(s))).containsSame(s);
  }

  @Test
  void aNonPositiveLeaseIsRejected() {
    InMemorySuspensionStore store = new InMemorySuspensionStore();
    SuspensionHandle h = store.save(suspension(image()));
    assertThatThrownBy(() -> store.claim(h, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void leasesFollowTheInjectedClock() {
    ManualClock clock = new ManualClock();
    InMemorySuspensionStore store = new InMemorySuspensionStore().withClock(clock);
    SuspensionHandle h = store.save(suspension(image()));
    assertThat(store.claim(h, Duration.ofSeconds(30))).isPresent();
    clock.advance(Duration.ofSeconds(29));
    assertThat(store.claim(h, Duration.ofSeconds(30))).isEmpty();
    clock.advance(Duration.ofSeconds(1));
    assertThat(store.claim(h, Duration.ofSeconds(30))).isPresent();
  }
}
