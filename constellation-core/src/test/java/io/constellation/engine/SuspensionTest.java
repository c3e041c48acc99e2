package io.constellation.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.constellation.Constellation;
import io.constellation.ConstellationImpl;
import io.constellation.InputConflictException;
import io.constellation.InputTypeMismatchException;
import io.constellation.InvalidResolvedNodeException;
import io.constellation.ResumeInProgressException;
import io.constellation.SuspensionNotFoundException;
import io.constellation.UnknownInputException;
import io.constellation.execution.DataSignature;
import io.constellation.execution.PipelineStatus;
import io.constellation.module.Module;
import io.constellation.pipeline.Pipeline;
import io.constellation.pipeline.PipelineImage;
import io.constellation.suspension.SuspensionFilter;
import io.constellation.suspension.SuspensionHandle;
import io.constellation.type.CType;
import io.constellation.type.CValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SuspensionTest {
  private final TestModules m = new TestModules();
  private final Constellation c = ConstellationImpl.builder().build();

  @AfterEach
  void close() {
    c.close();
  }

  /** a → Upper(a) ; Concat(upper(a), b) ; Concat(that, d) */
  private PipelineImage threeStage() {
    c.setModule(m.upper());
    c.setModule(m.concat());
    return Pipeline.builder("stages")
        .input("a", CType.STRING)
        .input("b", CType.STRING)
        .input("d", CType.STRING)
        .call("up", "Uppercase", Map.of("text", "a"))
        .call("ab", "Concat", Map.of("a", "up", "b", "b"))
        .call("abd", "Concat", Map.of("a", "ab", "b", "d"))
        .output("up")
        .output("abd")
        .build(c.registry());
  }

  @Test
  void aMissingInputSuspendsWithTheMissingNamesAndComputesEverythingElse() {
    PipelineImage image = threeStage();
    DataSignature s = c.run(image, Map.of("a", CValue.of("x")));
    assertThat(s.status()).isEqualTo(PipelineStatus.SUSPENDED);
    assertThat(s.missingInputs()).containsOnlyKeys("b", "d").containsEntry("b", CType.STRING);
    assertThat(s.outputs()).containsEntry("up", CValue.of("X"));
    assertThat(s.pendingOutputs()).containsExactly("abd");
    assertThat(s.suspensionHandle()).isPresent();
    assertThat(s.suspendedState()).isPresent();
    assertThat(m.calls("Uppercase")).isEqualTo(1);
    assertThat(m.calls("Concat")).isZero();
  }

  @Test
  void resumingWithTheMissingInputsCompletesWithoutRerunningFinishedModules() {
    PipelineImage image = threeStage();
    DataSignature s = c.run(image, Map.of("a", CValue.of("x")));
    DataSignature done =
        c.resume(
            s.suspensionHandle().orElseThrow(), Map.of("b", CValue.of("b"), "d", CValue.of("d")));
    assertThat(done.status()).isEqualTo(PipelineStatus.COMPLETED);
    assertThat(done.outputs()).containsEntry("abd", CValue.of("Xbd"));
    assertThat(done.executionId()).isEqualTo(s.executionId());
    assertThat(m.calls("Uppercase")).isEqualTo(1);
    assertThat(m.calls("Concat")).isEqualTo(2);
    assertThat(c.suspensionStore().load(s.suspensionHandle().get())).isEmpty();
  }

  @Test
  void aThreeStageSuspensionResumesTwiceAndCountsItsResumptions() {
    PipelineImage image = threeStage();
    DataSignature first = c.run(image, Map.of("a", CValue.of("x")));
    SuspensionHandle handle = first.suspensionHandle().orElseThrow();
    DataSignature second = c.resume(handle, Map.of("b", CValue.of("y")));
    assertThat(second.status()).isEqualTo(PipelineStatus.SUSPENDED);
    assertThat(second.missingInputs()).containsOnlyKeys("d");
    assertThat(second.resumptionCount()).isEqualTo(1);
    assertThat(second.suspensionHandle()).contains(handle);
    assertThat(c.suspensionStore().list(SuspensionFilter.all().withMinResumptionCount(1)))
        .hasSize(1);
    DataSignature third = c.resume(handle, Map.of("d", CValue.of("z")));
    assertThat(third.status()).isEqualTo(PipelineStatus.COMPLETED);
    assertThat(third.resumptionCount()).isEqualTo(2);
    assertThat(third.outputs()).containsEntry("abd", CValue.of("Xyz"));
    assertThat(m.calls("Uppercase")).isEqualTo(1);
    assertThat(m.calls("Concat")).isEqualTo(2);
  }

  @Test
  void eachKindOfBadResumeIsRejectedWithTheNameInTheMessage() {
    PipelineImage image = threeStage();
    DataSignature s = c.run(image, Map.of("a", CValue.of("x")));
    SuspensionHandle h = s.suspensionHandle().orElseThrow();
    assertThatThrownBy(() -> c.resume(h, Map.of("zzz", CValue.of("1"))))
        .isInstanceOf(UnknownInputException.class)
        .hasMessageContaining("'zzz'");
    assertThatThrownBy(() -> c.resume(h, Map.of("b", CValue.of(1L))))
        .isInstanceOf(InputTypeMismatchException.class)
        .hasMessageContaining("'b'");
    assertThatThrownBy(() -> c.resume(h, Map.of("a", CValue.of("other"))))
        .isInstanceOf(InputConflictException.class)
        .hasMessageContaining("'a'");
    assertThatThrownBy(
            () ->
                c.resume(
                    h,
                    Map.of(),
                    Map.of("nope", CValue.of("v")),
                    io.constellation.execution.ExecutionOptions.DEFAULT))
        .isInstanceOf(InvalidResolvedNodeException.class)
        .hasMessageContaining("'nope'");
    assertThatThrownBy(
            () ->
                c.resume(
                    h,
                    Map.of(),
                    Map.of("up", CValue.of("v")),
                    io.constellation.execution.ExecutionOptions.DEFAULT))
        .isInstanceOf(InvalidResolvedNodeException.class)
        .hasMessageContaining("'up'")
        .hasMessageContaining("already computed");
    assertThatThrownBy(
            () ->
                c.resume(
                    h,
                    Map.of(),
                    Map.of("ab", CValue.of(3L)),
                    io.constellation.execution.ExecutionOptions.DEFAULT))
        .isInstanceOf(InvalidResolvedNodeException.class)
        .hasMessageContaining("'ab'");
    assertThatThrownBy(() -> c.resume(new SuspensionHandle("missing"), Map.of()))
        .isInstanceOf(SuspensionNotFoundException.class);
    // the same value for an already provided input is accepted
    DataSignature ok = c.resume(h, Map.of("a", CValue.of("x"), "b", CValue.of("b")));
    assertThat(ok.status()).isEqualTo(PipelineStatus.SUSPENDED);
  }

  @Test
  void aResolvedNodeStandsInForAModuleThatWouldOtherwiseRun() {
    PipelineImage image = threeStage();
    DataSignature s = c.run(image, Map.of("a", CValue.of("x")));
    DataSignature done =
        c.resume(
            s.suspensionHandle().orElseThrow(),
            Map.of("d", CValue.of("!")),
            Map.of("ab", CValue.of("manual")),
            io.constellation.execution.ExecutionOptions.DEFAULT);
    assertThat(done.outputs()).containsEntry("abd", CValue.of("manual!"));
    assertThat(m.calls("Concat")).isEqualTo(1);
  }

  @Test
  void concurrentResumesOfOneSuspensionHaveOneWinnerAndTheOthersAreToldItIsInProgress()
      throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    c.setModule(
        Module.builder("Gate")
            .input("text", CType.STRING)
            .output("result", CType.STRING)
            .implementation(
                in -> {
                  entered.countDown();
                  release.await();
                  return Map.of("result", in.get("text"));
                })
            .build());
    PipelineImage image =
        Pipeline.builder("gate")
            .input("text", CType.STRING)
            .call("g", "Gate", Map.of("text", "text"))
            .output("g")
            .build(c.registry());
    SuspensionHandle h = c.run(image, Map.of()).suspensionHandle().orElseThrow();
    ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
    Future<DataSignature> winner = pool.submit(() -> c.resume(h, Map.of("text", CValue.of("go"))));
    entered.await();
    List<Throwable> losers = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      try {
        c.resume(h, Map.of("text", CValue.of("go")));
      } catch (ResumeInProgressException e) {
        losers.add(e);
      }
    }
    release.countDown();
    assertThat(winner.get().status()).isEqualTo(PipelineStatus.COMPLETED);
    assertThat(losers).hasSize(8);
    pool.close();
  }

  @Test
  void aSuspensionCanBeResumedFromTheSnapshotWithoutAStore() {
    PipelineImage image = threeStage();
    DataSignature s =
        c.run(
            image,
            Map.of("a", CValue.of("q")),
            io.constellation.execution.ExecutionOptions.DEFAULT.withSaveSuspended(false));
    assertThat(s.suspensionHandle()).isEmpty();
    DataSignature done =
        c.resume(
            s.suspendedState().orElseThrow(), Map.of("b", CValue.of("1"), "d", CValue.of("2")));
    assertThat(done.outputs()).containsEntry("abd", CValue.of("Q12"));
  }
}
