package io.constellation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.constellation.pipeline.PipelineImage;
import io.constellation.suspension.ResumeClaim;
import io.constellation.suspension.SuspensionHandle;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Two engines" (two stores with separate connection pools on one database) race to claim the same
 * suspension, {@value #DEFAULT_ROUNDS} times by default ({@code -Djdbc.claimRaces=1000} for the
 * DESIGN §14 run): exactly one wins every time.
 */
class ClaimRaceTest {
  static final int DEFAULT_ROUNDS = 200;
  private static final Duration LEASE = Duration.ofMinutes(5);

  @TempDir Path dir;

  @Test
  void twoEnginesOnOnePostgresDatabaseNeverBothWinAClaim() throws Exception {
    try (PostgresServer pg = PostgresServer.start()) {
      String schema = pg.createSchema();
      race(pg.storesOn(schema), pg.storesOn(schema));
    }
  }

  @Test
  void twoEnginesOnOneSqliteFileNeverBothWinAClaim() throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve("race.db");
    try (JdbcStores one = JdbcStores.open(url);
        JdbcStores two = JdbcStores.open(url)) {
      race(one, two);
    }
  }

  private static void race(JdbcStores one, JdbcStores two) throws Exception {
    int rounds = Integer.getInteger("jdbc.claimRaces", DEFAULT_ROUNDS);
    PipelineImage image = Fixtures.image("race");
    CyclicBarrier barrier = new CyclicBarrier(2);
    try (ExecutorService engines = Executors.newFixedThreadPool(2)) {
      for (int round = 0; round < rounds; round++) {
        SuspensionHandle h =
            one.suspensions().save(Fixtures.suspension(image, 0, Fixtures.T0.plusSeconds(round)));
        Future<Optional<ResumeClaim>> a =
            engines.submit(
                () -> {
                  barrier.await();
                  return one.suspensions().claim(h, LEASE);
                });
        Future<Optional<ResumeClaim>> b =
            engines.submit(
                () -> {
                  barrier.await();
                  return two.suspensions().claim(h, LEASE);
                });
        List<ResumeClaim> winners = new ArrayList<>();
        a.get().ifPresent(winners::add);
        b.get().ifPresent(winners::add);
        assertThat(winners).as("winners of round " + round).hasSize(1);
        // the loser sees the winner's claim through its own pool too
        assertThat(two.suspensions().claim(h, LEASE)).as("late claim in round " + round).isEmpty();
      }
    }
  }
}
