package io.constellation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.constellation.PipelineNotFoundException;
import io.constellation.StoreException;
import io.constellation.pipeline.PipelineImage;
import io.constellation.suspension.ResumeClaim;
import io.constellation.suspension.SuspendedExecution;
import io.constellation.suspension.SuspensionFilter;
import io.constellation.suspension.SuspensionHandle;
import io.constellation.suspension.SuspensionSummary;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the JDBC stores promise beyond the TCK: transactions, cascades, claims with leases and
 * fencing, exact instants, unreadable rows. Run once per dialect by the subclasses.
 */
abstract class JdbcStoresBehaviour {
  JdbcStores stores;
  MutableClock clock;
  JdbcSuspensionStore suspensions;

  /** Fresh, empty stores for one test (closed by the subclass). */
  abstract JdbcStores open();

  /** Makes the database refuse inserting alias {@code name} (a constraint or trigger). */
  abstract void forbidAlias(Connection c, String name) throws SQLException;

  @BeforeEach
  void openStores() {
    stores = open();
    clock = new MutableClock(Fixtures.T0);
    suspensions = stores.suspensions().withClock(clock);
  }

  @Test
  void storeAndAliasWritesBothOrNeither() throws SQLException {
    PipelineImage ok = Fixtures.image("a");
    stores.pipelines().storeAndAlias(ok, "good");
    assertThat(stores.pipelines().getByName("good")).contains(ok);

    try (Connection c = stores.dataSource().getConnection()) {
      forbidAlias(c, "forbidden");
    }
    PipelineImage other = Fixtures.image("b");
    assertThatThrownBy(() -> stores.pipelines().storeAndAlias(other, "forbidden"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("JdbcPipelineStore.storeAndAlias failed");
    assertThat(stores.pipelines().get(other.structuralHash())).isEmpty();
    assertThat(stores.pipelines().listImages()).containsExactly(ok);
    assertThat(stores.pipelines().listAliases()).containsOnlyKeys("good");
  }

  @Test
  void removeTakesItsAliasesAndSyntacticEntriesAlong() {
    PipelineImage a = Fixtures.image("a");
    PipelineImage b = Fixtures.image("b");
    var p = stores.pipelines();
    p.store(a);
    p.store(b);
    p.alias("a1", a.structuralHash());
    p.alias("a2", a.structuralHash());
    p.alias("b1", b.structuralHash());
    p.indexSyntactic("src-a", "reg", a.structuralHash());
    p.indexSyntactic("src-b", "reg", b.structuralHash());

    assertThat(p.remove(a.structuralHash())).isTrue();
    assertThat(p.remove(a.structuralHash())).isFalse();
    assertThat(p.listAliases()).containsOnlyKeys("b1");
    assertThat(p.lookupSyntactic("src-a", "reg")).isEmpty();
    assertThat(p.lookupSyntactic("src-b", "reg")).contains(b.structuralHash());
    assertThat(p.getByName("a1")).isEmpty();
  }

  @Test
  void aliasingAnUnknownHashIsPipelineNotFound() {
    assertThatThrownBy(() -> stores.pipelines().alias("x", "0".repeat(64)))
        .isInstanceOf(PipelineNotFoundException.class)
        .hasMessageContaining("x")
        .hasMessageContaining("0".repeat(64));
    assertThat(stores.pipelines().listAliases()).isEmpty();
  }

  @Test
  void aClaimIsExclusiveUntilItsLeaseRunsOutAndReleaseIsFenced() {
    SuspensionHandle h = suspensions.save(Fixtures.suspension(Fixtures.image("a"), 0, Fixtures.T0));
    Duration lease = Duration.ofSeconds(30);

    ResumeClaim first = suspensions.claim(h, lease).orElseThrow();
    assertThat(first.expiresAt()).isEqualTo(Fixtures.T0.plus(lease));
    assertThat(suspensions.claim(h, lease)).isEmpty();

    clock.advance(Duration.ofSeconds(29));
    assertThat(suspensions.claim(h, lease)).as("still leased").isEmpty();

    clock.advance(Duration.ofSeconds(1));
    ResumeClaim second = suspensions.claim(h, lease).orElseThrow();
    assertThat(second.token()).isNotEqualTo(first.token());

    suspensions.release(first); // stale token: must not free the live claim
    assertThat(suspensions.claim(h, lease)).isEmpty();

    suspensions.release(second);
    assertThat(suspensions.claim(h, lease)).isPresent();
  }

  @Test
  void aClaimSeenThroughAnotherStoreOnTheSameDatabaseIsExclusiveToo() {
    SuspensionHandle h = suspensions.save(Fixtures.suspension(Fixtures.image("a"), 0, Fixtures.T0));
    JdbcSuspensionStore other = stores.suspensions().withClock(clock);
    assertThat(suspensions.claim(h, Duration.ofMinutes(1))).isPresent();
    assertThat(other.claim(h, Duration.ofMinutes(1))).isEmpty();
  }

  @Test
  void claimingAMissingSuspensionGivesNothing() {
    assertThat(suspensions.claim(new SuspensionHandle("nope"), Duration.ofMinutes(1))).isEmpty();
  }

  @Test
  void replaceRewritesTheRowAndItsColumnsButKeepsTheClaim() {
    PipelineImage img = Fixtures.image("a");
    SuspensionHandle h = suspensions.save(Fixtures.suspension(img, 0, Fixtures.T0));
    ResumeClaim claim = suspensions.claim(h, Duration.ofMinutes(1)).orElseThrow();

    SuspendedExecution next = Fixtures.suspension(img, 3, Fixtures.T0);
    assertThat(suspensions.replace(h, next)).isEqualTo(h);

    assertThat(suspensions.load(h)).contains(next);
    assertThat(suspensions.list(SuspensionFilter.all().withMinResumptionCount(3)))
        .extracting(SuspensionSummary::handle)
        .containsExactly(h);
    assertThat(suspensions.claim(h, Duration.ofMinutes(1))).as("claim survives replace").isEmpty();
    suspensions.release(claim);
    assertThat(suspensions.claim(h, Duration.ofMinutes(1))).isPresent();
  }

  @Test
  void listFiltersOnEveryColumnOldestFirstWithExactInstants() {
    PipelineImage a = Fixtures.image("a");
    PipelineImage b = Fixtures.image("b");
    SuspendedExecution late = Fixtures.suspension(a, 2, Fixtures.T0.plusNanos(7));
    SuspendedExecution early = Fixtures.suspension(a, 0, Fixtures.T0.minusSeconds(3600));
    SuspendedExecution other = Fixtures.suspension(b, 5, Fixtures.T0);
    SuspensionHandle hLate = suspensions.save(late);
    SuspensionHandle hEarly = suspensions.save(early);
    SuspensionHandle hOther = suspensions.save(other);

    List<SuspensionSummary> all = suspensions.list(SuspensionFilter.all());
    assertThat(all)
        .containsExactly(early.summary(hEarly), other.summary(hOther), late.summary(hLate));
    assertThat(suspensions.list(SuspensionFilter.all().withStructuralHash(a.structuralHash())))
        .extracting(SuspensionSummary::handle)
        .containsExactly(hEarly, hLate);
    assertThat(suspensions.list(SuspensionFilter.all().withExecutionId(other.executionId())))
        .extracting(SuspensionSummary::handle)
        .containsExactly(hOther);
    assertThat(
            suspensions.list(
                SuspensionFilter.all().withMinResumptionCount(1).withMaxResumptionCount(4)))
        .extracting(SuspensionSummary::handle)
        .containsExactly(hLate);
    assertThat(
            suspensions.list(
                SuspensionFilter.all()
                    .withStructuralHash(a.structuralHash())
                    .withMaxResumptionCount(0)))
        .extracting(SuspensionSummary::handle)
        .containsExactly(hEarly);
  }

  @Test
  void anUnreadableRowIsAStoreErrorNamingIt() throws SQLException {
    PipelineImage a = Fixtures.image("a");
    stores.pipelines().store(a);
    SuspensionHandle h = suspensions.save(Fixtures.suspension(a, 0, Fixtures.T0));
    try (Connection c = stores.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE pipelines SET json = '{\"formatVersion\":1'");
      s.executeUpdate("UPDATE suspensions SET json = 'not json'");
    }
    assertThatThrownBy(() -> stores.pipelines().get(a.structuralHash()))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(a.structuralHash());
    assertThatThrownBy(() -> suspensions.load(h))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(h.id());
  }

  @Test
  void deleteRemovesTheSuspensionOnce() {
    SuspensionHandle h = suspensions.save(Fixtures.suspension(Fixtures.image("a"), 0, Fixtures.T0));
    assertThat(suspensions.delete(h)).isTrue();
    assertThat(suspensions.delete(h)).isFalse();
    assertThat(suspensions.load(h)).isEmpty();
    assertThat(suspensions.list(SuspensionFilter.all())).isEmpty();
  }

  static void execute(Connection c, String sql) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.execute();
    }
  }
}
