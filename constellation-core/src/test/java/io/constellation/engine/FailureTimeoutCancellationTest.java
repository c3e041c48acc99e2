package io.constellation.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.constellation.Constellation;
import io.constellation.ConstellationImpl;
import io.constellation.ModuleTimeoutException;
import io.constellation.ShutdownRejectedException;
import io.constellation.execution.CancellableExecution;
import io.constellation.execution.DataSignature;
import io.constellation.execution.ExecutionOptions;
import io.constellation.execution.NodeStatus;
import io.constellation.execution.PipelineStatus;
import io.constellation.module.Module;
import io.constellation.pipeline.CallOptions;
import io.constellation.pipeline.Pipeline;
import io.constellation.pipeline.PipelineImage;
import io.constellation.type.CType;
import io.constellation.type.CValue;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FailureTimeoutCancellationTest {
  private final TestModules m = new TestModules();
  private final Constellation c = ConstellationImpl.builder().build();

  @AfterEach
  void close() {
    c.close();
  }

  private Module blocking(String name, CountDownLatch started, AtomicBoolean interrupted) {
    return Module.builder(name)
        .input("text", CType.STRING)
        .output("result", CType.STRING)
        .implementation(
            in -> {
              started.countDown();
              try {
                Thread.sleep(10_000);
              } catch (InterruptedException e) {
                interrupted.set(true);
                throw e;
              }
              return Map.of("result", in.get("text"));
            })
        .build();
  }

  @Test
  void aFailingModuleFailsTheRunSkipsItsDependentsAtOnceAndLetsAnIndependentBranchFinish() {
    c.setModule(m.failing("Broken"));
    c.setModule(m.upper());
    c.setModule(m.sleepy("Slow", Duration.ofMillis(150)));
    PipelineImage image =
        Pipeline.builder("fail")
            .input("text", CType.STRING)
            .call("broken", "Broken", Map.of("text", "text"))
            .call("after", "Uppercase", Map.of("text", "broken"))
            .call("slow", "Slow", Map.of("text", "text"))
            .output("after")
            .output("slow")
            .build(c.registry());
    DataSignature s = c.run(image, Map.of("text", CValue.of("t")));
    assertThat(s.status()).isEqualTo(PipelineStatus.FAILED);
    assertThat(s.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.module()).isEqualTo("Broken");
              assertThat(e.node()).isEqualTo("broken");
              assertThat(e.message()).contains("Broken is broken");
              assertThat(e.attempts()).isEqualTo(1);
            });
    assertThat(s.metadata().orElseThrow().nodeStatuses())
        .containsEntry("after", NodeStatus.SKIPPED)
        .containsEntry("slow", NodeStatus.COMPLETED);
    assertThat(s.outputs()).containsEntry("slow", CValue.of("t+Slow")).doesNotContainKey("after");
    assertThat(s.computedNodes()).containsKey("slow");
    assertThat(m.calls("Uppercase")).isZero();
  }

  @Test
  void aCallOverItsTimeoutIsInterruptedAndFailsWithModuleTimeoutException() {
    CountDownLatch started = new CountDownLatch(1);
    AtomicBoolean interrupted = new AtomicBoolean();
    c.setModule(blocking("Hang", started, interrupted));
    PipelineImage image =
        Pipeline.builder("timeout")
            .input("text", CType.STRING)
            .call(
                "h",
                "Hang",
                Map.of("text", "text"),
                CallOptions.builder().timeout(Duration.ofMillis(50)).build())
            .output("h")
            .build(c.registry());
    long start = System.nanoTime();
    DataSignature s = c.run(image, Map.of("text", CValue.of("t")));
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2_000);
    assertThat(s.status()).isEqualTo(PipelineStatus.FAILED);
    assertThat(s.errors().get(0).cause()).containsInstanceOf(ModuleTimeoutException.class);
    assertThat(s.errors().get(0).message()).contains("timed out after 50 ms");
    assertThat(interrupted).isTrue();
  }

  @Test
  void aModulesDefaultTimeoutAppliesWhenTheCallSetsNone() {
    c.setModule(
        Module.builder("SlowDefault")
            .input("text", CType.STRING)
            .output("result", CType.STRING)
            .timeout(Duration.ofMillis(40))
            .implementation(
                in -> {
                  Thread.sleep(5_000);
                  return Map.of("result", in.get("text"));
                })
            .build());
    PipelineImage image =
        Pipeline.builder("t")
            .input("text", CType.STRING)
            .call("s", "SlowDefault", Map.of("text", "text"))
            .output("s")
            .build(c.registry());
    DataSignature s = c.run(image, Map.of("text", CValue.of("t")));
    assertThat(s.errors().get(0).cause()).containsInstanceOf(ModuleTimeoutException.class);
  }

  @Test
  void aRunLevelTimeoutEndsTheRunAsTimedOutWithPartialResults() {
    CountDownLatch started = new CountDownLatch(1);
    AtomicBoolean interrupted = new AtomicBoolean();
    c.setModule(blocking("Hang", started, interrupted));
    c.setModule(m.upper());
    PipelineImage image =
        Pipeline.builder("runTimeout")
            .input("text", CType.STRING)
            .call("up", "Uppercase", Map.of("text", "text"))
            .call("h", "Hang", Map.of("text", "up"))
            .output("up")
            .output("h")
            .build(c.registry());
    DataSignature s =
        c.run(
            image,
            Map.of("text", CValue.of("t")),
            ExecutionOptions.DEFAULT.withTimeout(Duration.ofMillis(100)));
    assertThat(s.status()).isEqualTo(PipelineStatus.TIMED_OUT);
    assertThat(s.outputs()).containsEntry("up", CValue.of("T")).doesNotContainKey("h");
    assertThat(s.pendingOutputs()).containsExactly("h");
    await(interrupted);
  }

  @Test
  void cancellationInterruptsRunningModulesIsIdempotentAndANoOpAfterCompletion() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    AtomicBoolean interrupted = new AtomicBoolean();
    c.setModule(blocking("Hang", started, interrupted));
    PipelineImage image =
        Pipeline.builder("cancel")
            .input("text", CType.STRING)
            .call("h", "Hang", Map.of("text", "text"))
            .output("h")
            .build(c.registry());
    CancellableExecution run = c.runCancellable(image, Map.of("text", CValue.of("t")));
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(run.cancel()).isTrue();
    assertThat(run.cancel()).isFalse();
    DataSignature s = run.result().get(5, TimeUnit.SECONDS);
    assertThat(s.status()).isEqualTo(PipelineStatus.CANCELLED);
    assertThat(s.executionId()).isEqualTo(run.executionId());
    await(interrupted);

    c.setModule(m.upper());
    PipelineImage quick =
        Pipeline.builder("quick")
            .input("text", CType.STRING)
            .call("u", "Uppercase", Map.of("text", "text"))
            .output("u")
            .build(c.registry());
    CancellableExecution done = c.runCancellable(quick, Map.of("text", CValue.of("a")));
    assertThat(done.result().get(5, TimeUnit.SECONDS).status()).isEqualTo(PipelineStatus.COMPLETED);
    assertThat(done.cancel()).isFalse();
    assertThat(done.result().get().status()).isEqualTo(PipelineStatus.COMPLETED);
  }

  @Test
  void shutdownRejectsNewRunsAndCancelsRunsThatOutliveTheDrain() throws Exception {
    Constellation engine = ConstellationImpl.builder().build();
    CountDownLatch started = new CountDownLatch(1);
    AtomicBoolean interrupted = new AtomicBoolean();
    engine.setModule(blocking("Hang", started, interrupted));
    PipelineImage image =
        Pipeline.builder("drain")
            .input("text", CType.STRING)
            .call("h", "Hang", Map.of("text", "text"))
            .output("h")
            .build(engine.registry());
    CancellableExecution run = engine.runCancellable(image, Map.of("text", CValue.of("t")));
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
    engine.shutdown(Duration.ofMillis(50));
    assertThat(run.result().get(5, TimeUnit.SECONDS).status()).isEqualTo(PipelineStatus.CANCELLED);
    assertThatThrownBy(() -> engine.run(image, Map.of("text", CValue.of("t"))))
        .isInstanceOf(ShutdownRejectedException.class);
  }

  @Test
  void shutdownLetsAnInFlightRunFinishWithinTheDrain() throws Exception {
    Constellation engine = ConstellationImpl.builder().build();
    engine.setModule(m.sleepy("Short", Duration.ofMillis(100)));
    PipelineImage image =
        Pipeline.builder("drain")
            .input("text", CType.STRING)
            .call("s", "Short", Map.of("text", "text"))
            .output("s")
            .build(engine.registry());
    CancellableExecution run = engine.runCancellable(image, Map.of("text", CValue.of("t")));
    Thread.sleep(20);
    engine.shutdown(Duration.ofSeconds(5));
    assertThat(run.result().get(5, TimeUnit.SECONDS).status()).isEqualTo(PipelineStatus.COMPLETED);
  }

  private static void await(AtomicBoolean flag) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!flag.get() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(flag).isTrue();
  }
}
