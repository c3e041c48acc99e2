package io.constellation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.constellation.StoreException;
import io.constellation.pipeline.PipelineImage;
import io.constellation.suspension.ResumeClaim;
import io.constellation.suspension.SuspendedExecution;
import io.constellation.suspension.SuspensionFilter;
import io.constellation.suspension.SuspensionHandle;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PostgreSQL going away: calls fail fast and cleanly, nothing half written, commits survive. */
class PostgresFaultTest {
  @TempDir Path dir;

  @Test
  void openingStoresOnAnUnreachableServerFailsWithAStoreExceptionNamingTheUrl() throws Exception {
    int port;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      port = free.getLocalPort();
    }
    String url = "jdbc:postgresql://127.0.0.1:" + port + "/nowhere?password=secret";
    long start = System.nanoTime();
    assertThatThrownBy(
            () -> JdbcStores.builder(url).connectionTimeout(Duration.ofMillis(300)).open())
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("jdbc:postgresql://127.0.0.1:" + port + "/nowhere")
        .hasMessageNotContaining("secret");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void everyStoreCallFailsPromptlyWithAStoreExceptionWhilePostgresIsDown() {
    PostgresServer pg = PostgresServer.start();
    try {
      // a short pool timeout keeps 18 failing calls quick; each must fail within a few timeouts
      JdbcStores stores = pg.storesOn(pg.createSchema(), Duration.ofMillis(300));
      PipelineImage a = Fixtures.image("a");
      stores.pipelines().storeAndAlias(a, "a");
      SuspendedExecution s = Fixtures.suspension(a, 0, Fixtures.T0);
      SuspensionHandle h = stores.suspensions().save(s);
      ResumeClaim claim = stores.suspensions().claim(h, Duration.ofMinutes(1)).orElseThrow();

      pg.stopServer();

      var p = stores.pipelines();
      var ss = stores.suspensions();
      Map<String, ThrowingCallable> calls = new LinkedHashMap<>();
      calls.put("store", () -> p.store(Fixtures.image("b")));
      calls.put("storeAndAlias", () -> p.storeAndAlias(Fixtures.image("b"), "b"));
      calls.put("alias", () -> p.alias("x", a.structuralHash()));
      calls.put("resolve", () -> p.resolve("a"));
      calls.put("listAliases", p::listAliases);
      calls.put("get", () -> p.get(a.structuralHash()));
      calls.put("getByName", () -> p.getByName("a"));
      calls.put("indexSyntactic", () -> p.indexSyntactic("s", "r", a.structuralHash()));
      calls.put("lookupSyntactic", () -> p.lookupSyntactic("s", "r"));
      calls.put("listImages", p::listImages);
      calls.put("remove", () -> p.remove(a.structuralHash()));
      calls.put("save", () -> ss.save(s));
      calls.put("replace", () -> ss.replace(h, s));
      calls.put("load", () -> ss.load(h));
      calls.put("delete", () -> ss.delete(h));
      calls.put("list", () -> ss.list(SuspensionFilter.all()));
      calls.put("claim", () -> ss.claim(h, Duration.ofMinutes(1)));
      calls.put("release", () -> ss.release(claim));

      calls.forEach(
          (operation, call) -> {
            long start = System.nanoTime();
            assertThatThrownBy(call)
                .as(operation)
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("." + operation + " failed")
                .hasCauseInstanceOf(SQLException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                .as(operation + " took")
                .isLessThan(Duration.ofSeconds(2));
          });
    } finally {
      pg.closeStores();
    }
  }

  @Test
  void aTransactionCutByTheStopLeavesNoRowsAndCommittedDataSurvivesARestart() throws Exception {
    Path data = dir.resolve("pgdata");
    PostgresServer pg = PostgresServer.start(data, 0);
    int port = pg.port();
    String schema = pg.createSchema();
    PipelineImage a = Fixtures.image("a");
    PipelineImage b = Fixtures.image("b");
    SuspendedExecution s = Fixtures.suspension(a, 1, Instant.parse("2026-01-02T03:04:05.000006Z"));
    SuspensionHandle h;
    try {
      JdbcStores stores = pg.storesOn(schema);
      stores.pipelines().storeAndAlias(a, "a");
      h = stores.suspensions().save(s);

      // Another session holds an uncommitted insert of alias 'contested', so storeAndAlias(b)
      // inserts b's row and then waits on the alias, inside its transaction, when we stop.
      try (Connection blocker = pg.connect(schema)) {
        blocker.setAutoCommit(false);
        try (PreparedStatement ps =
            blocker.prepareStatement(
                "INSERT INTO aliases (name, structural_hash) VALUES ('contested', ?)")) {
          ps.setString(1, a.structuralHash());
          ps.executeUpdate();
        }
        CompletableFuture<String> cut =
            CompletableFuture.supplyAsync(
                () -> stores.pipelines().storeAndAlias(b, "contested"),
                r -> Thread.ofVirtual().start(r));
        awaitBackendWaitingOnALock(pg, schema);
        assertThat(rowCount(blocker, b.structuralHash()))
            .as("b is invisible to others while its transaction is open")
            .isZero();

        pg.stopServer();

        assertThatThrownBy(() -> cut.get(10, TimeUnit.SECONDS))
            .isInstanceOf(ExecutionException.class)
            .hasCauseInstanceOf(StoreException.class)
            .cause()
            .hasMessageContaining("JdbcPipelineStore.storeAndAlias failed");
      } catch (SQLException expectedOnClose) {
        // closing the blocker's connection to a stopped server may complain; nothing to undo
      }
    } finally {
      pg.closeStores();
    }

    PostgresServer restarted = PostgresServer.start(data, port);
    try {
      assertThat(restarted.port()).isEqualTo(port);
      JdbcStores stores = restarted.storesOn(schema);
      assertThat(stores.pipelines().get(b.structuralHash())).as("half-written image").isEmpty();
      assertThat(stores.pipelines().listAliases())
          .containsExactly(Map.entry("a", a.structuralHash()));
      assertThat(stores.pipelines().getByName("a")).contains(a);
      assertThat(stores.suspensions().load(h)).contains(s);
      assertThat(stores.suspensions().list(SuspensionFilter.all())).containsExactly(s.summary(h));
    } finally {
      restarted.close();
    }
  }

  private static void awaitBackendWaitingOnALock(PostgresServer pg, String schema)
      throws SQLException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    try (Connection c = pg.connect(schema)) {
      while (System.nanoTime() < deadline) {
        try (PreparedStatement ps =
                c.prepareStatement(
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'");
            ResultSet rs = ps.executeQuery()) {
          rs.next();
          if (rs.getInt(1) > 0) {
            return;
          }
        }
        Thread.sleep(20);
      }
    }
    throw new AssertionError("storeAndAlias never blocked on the contested alias");
  }

  private static int rowCount(Connection c, String structuralHash) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT count(*) FROM pipelines WHERE structural_hash = ?")) {
      ps.setString(1, structuralHash);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }
}
