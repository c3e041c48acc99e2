package io.constellation.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProgressTest {
  @Test
  void aLongRunPrintsHowManyModulesAreDoneAndAQuickRunPrintsNothing() throws Exception {
    Progress progress = new Progress(50, 50);
    UUID id = UUID.randomUUID();
    progress.onModuleComplete(id, UUID.randomUUID(), "A", 1);
    progress.onModuleFailed(id, UUID.randomUUID(), "B", new IllegalStateException());
    CompletableFuture<String> slow = new CompletableFuture<>();
    CompletableFuture.delayedExecutor(180, TimeUnit.MILLISECONDS)
        .execute(() -> slow.complete("done"));
    StringWriter err = new StringWriter();
    assertThat(progress.await(slow, "orders", 3, new PrintWriter(err))).isEqualTo("done");
    assertThat(err.toString()).contains("running orders: 2/3 modules done (");

    StringWriter quiet = new StringWriter();
    new Progress(1_000, 1_000)
        .await(CompletableFuture.completedFuture("x"), "fast", 1, new PrintWriter(quiet));
    assertThat(quiet.toString()).isEmpty();
  }
}
