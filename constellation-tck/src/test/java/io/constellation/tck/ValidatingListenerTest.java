package io.constellation.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ValidatingListenerTest {
  private final ValidatingListener v = new ValidatingListener();
  private final UUID run = UUID.randomUUID();
  private final UUID m = UUID.randomUUID();

  @Test
  void aWellOrderedRunHasNoViolations() {
    v.onExecutionStart(run, "dag");
    v.onModuleStart(run, m, "mod");
    v.onModuleCacheHit(run, m, "mod");
    v.onModuleComplete(run, m, "mod", 1);
    v.onExecutionComplete(run, "dag", true, 2);
    v.assertEveryExecutionTerminated();
    assertThat(v.terminal(run)).contains(EventKind.EXECUTION_COMPLETE);
    assertThat(v.eventCount()).isEqualTo(5);
  }

  @Test
  void aModuleEventBeforeExecutionStartIsAViolation() {
    v.onModuleStart(run, m, "mod");
    assertThat(v.violations())
        .singleElement()
        .asString()
        .contains("moduleStart before executionStart");
  }

  @Test
  void aCompletionWithoutStartIsAViolation() {
    v.onExecutionStart(run, "dag");
    v.onModuleComplete(run, m, "mod", 1);
    assertThat(v.violations()).singleElement().asString().contains("without moduleStart");
  }

  @Test
  void aCacheHitOutsideItsModuleIsAViolation() {
    v.onExecutionStart(run, "dag");
    v.onModuleCacheHit(run, m, "mod");
    assertThat(v.violations()).singleElement().asString().contains("moduleCacheHit");
  }

  @Test
  void anythingAfterATerminalEventIsAViolation() {
    v.onExecutionStart(run, "dag");
    v.onExecutionCancelled(run, "dag");
    v.onModuleStart(run, m, "mod");
    v.onExecutionComplete(run, "dag", true, 1);
    assertThat(v.violations()).hasSize(2).allMatch(s -> s.contains("after terminal"));
  }

  @Test
  void aSecondStartWhileRunningIsAViolation() {
    v.onExecutionStart(run, "dag");
    v.onExecutionStart(run, "dag");
    assertThat(v.violations()).singleElement().asString().contains("already running");
  }

  @Test
  void startingAnOpenModuleAgainIsAViolation() {
    v.onExecutionStart(run, "dag");
    v.onModuleStart(run, m, "mod");
    v.onModuleStart(run, m, "mod");
    assertThat(v.violations()).singleElement().asString().contains("already running");
  }

  @Test
  void aResumedExecutionMayStartANewSequenceAfterSuspending() {
    v.onExecutionStart(run, "dag");
    v.onExecutionSuspended(run, "dag", Set.of("x"));
    v.onExecutionStart(run, "dag");
    v.onModuleStart(run, m, "mod");
    v.onModuleFailed(run, m, "mod", new RuntimeException("x"));
    v.onExecutionComplete(run, "dag", false, 1);
    v.assertNoViolations();
    assertThat(v.sequences(run)).isEqualTo(2);
  }

  @Test
  void aRestartAfterCompletionIsAViolation() {
    v.onExecutionStart(run, "dag");
    v.onExecutionComplete(run, "dag", true, 1);
    v.onExecutionStart(run, "dag");
    assertThat(v.violations()).singleElement().asString().contains("after terminal");
  }

  @Test
  void interleavedExecutionsAreCheckedSeparately() {
    UUID other = UUID.randomUUID();
    v.onExecutionStart(run, "dag");
    v.onExecutionStart(other, "dag");
    v.onModuleStart(other, m, "mod");
    v.onModuleStart(run, m, "mod");
    v.onModuleComplete(run, m, "mod", 1);
    v.onExecutionComplete(run, "dag", true, 1);
    assertThat(v.openModules(other)).containsKey(m);
    v.onModuleComplete(other, m, "mod", 1);
    v.onExecutionCancelled(other, "dag");
    v.assertEveryExecutionTerminated();
  }

  @Test
  void assertNoViolationsListsEveryViolation() {
    v.onModuleStart(run, m, "mod");
    v.onModuleComplete(UUID.randomUUID(), m, "mod", 1);
    assertThatThrownBy(v::assertNoViolations)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("3 listener ordering violation(s)");
  }

  @Test
  void assertEveryExecutionTerminatedFailsForARunningExecution() {
    v.onExecutionStart(run, "dag");
    assertThatThrownBy(v::assertEveryExecutionTerminated).hasMessageContaining(run.toString());
  }

  @Test
  void awaitTerminalWaitsForAnotherThread() {
    v.onExecutionStart(run, "dag");
    Thread.ofVirtual()
        .start(
            () -> {
              Poll.sleep(Duration.ofMillis(30));
              v.onExecutionSuspended(run, "dag", Set.of());
            });
    assertThat(v.awaitTerminal(run, Duration.ofSeconds(5)))
        .isEqualTo(EventKind.EXECUTION_SUSPENDED);
    assertThatThrownBy(() -> v.awaitTerminal(UUID.randomUUID(), Duration.ofMillis(20)))
        .isInstanceOf(AssertionError.class);
  }
}
