package io.constellation.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.constellation.Constellation;
import io.constellation.ConstellationImpl;
import io.constellation.ResumeInProgressException;
import io.constellation.SuspensionNotFoundException;
import io.constellation.SuspensionStore;
import io.constellation.execution.DataSignature;
import io.constellation.execution.PipelineStatus;
import io.constellation.jdbc.JdbcStores;
import io.constellation.lang.ConstellationCompiler;
import io.constellation.module.Module;
import io.constellation.pipeline.PipelineImage;
import io.constellation.redis.RedisSuspensionStore;
import io.constellation.suspension.ResumeClaim;
import io.constellation.suspension.SuspendedExecution;
import io.constellation.suspension.SuspensionFilter;
import io.constellation.suspension.SuspensionHandle;
import io.constellation.suspension.SuspensionSummary;
import io.constellation.tck.process.ServerProcess;
import io.constellation.type.CType;
import io.constellation.type.CValue;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Two engines sharing one suspension store race to resume the same suspension, {@value #ROUNDS}
 * times: every round exactly one wins, the other is told it lost, and the work after the resume
 * point runs exactly once per round.
 */
class ResumeRaceEndToEndTest {
  static final int ROUNDS = 200;

  private static final String SOURCE =
      """
      in n: Int
      in go: Boolean
      prepared = Prepare(n)
      finished = Finish(prepared, go)
      out finished
      """;

  /** Invocations of the module before the resume point, over both engines. */
  private final AtomicInteger prepareCalls = new AtomicInteger();

  /** Invocations of the module after the resume point, over both engines. */
  private final AtomicInteger finishCalls = new AtomicInteger();

  private Module prepare() {
    return Module.builder("Prepare")
        .input("n", CType.INT)
        .output("value", CType.INT)
        .implementation(
            in -> {
              prepareCalls.incrementAndGet();
              return Map.of("value", CValue.of(in.getLong("n") * 10));
            })
        .build();
  }

  private Module finish() {
    return Module.builder("Finish")
        .input("value", CType.INT)
        .input("go", CType.BOOLEAN)
        .output("result", CType.STRING)
        .implementation(
            in -> {
              finishCalls.incrementAndGet();
              return Map.of("result", CValue.of("done " + in.getLong("value")));
            })
        .build();
  }

  private Constellation engineOn(SuspensionStore store) {
    return ConstellationImpl.builder()
        .withSuspensionStore(store)
        .withModules(prepare(), finish())
        .build();
  }

  @Test
  void twoEnginesSharingRedisNeverBothResumeOneSuspension() throws Exception {
    try (ServerProcess redis = ServerProcess.redis()) {
      RedisClient clientA = RedisClient.create(redis.uri("redis"));
      RedisClient clientB = RedisClient.create(redis.uri("redis"));
      try (RedisSuspensionStore storeA = new RedisSuspensionStore(clientA);
          RedisSuspensionStore storeB = new RedisSuspensionStore(clientB)) {
        race(storeA, storeB);
      } finally {
        clientA.shutdown();
        clientB.shutdown();
      }
    }
  }

  @Test
  void twoEnginesSharingPostgresThroughTwoPoolsNeverBothResumeOneSuspension() throws Exception {
    try (Postgres pg = Postgres.start()) {
      String schema = pg.createSchema();
      JdbcStores poolA = pg.stores(schema, Duration.ofSeconds(5));
      JdbcStores poolB = pg.stores(schema, Duration.ofSeconds(5));
      race(poolA.suspensions(), poolB.suspensions());
    }
  }

  @Test
  void aLoserWhoseClaimComesAfterTheWinnerFinishedIsToldTheSuspensionIsGone() throws Exception {
    try (Postgres pg = Postgres.start()) {
      String schema = pg.createSchema();
      SuspensionStore storeA = pg.stores(schema, Duration.ofSeconds(5)).suspensions();
      SuspensionStore real = pg.stores(schema, Duration.ofSeconds(5)).suspensions();
      Map<String, CValue> go = Map.of("go", CValue.of(true));
      try (Constellation a = engineOn(storeA)) {
        // Engine B's store is the real PostgreSQL store; just before B claims, A resumes the
        // suspension to completion (the interleaving the race above hits now and then).
        SuspensionStore storeB =
            new SuspensionStore() {
              @Override
              public SuspensionHandle save(SuspendedExecution e) {
                return real.save(e);
              }

              @Override
              public Optional<SuspendedExecution> load(SuspensionHandle h) {
                return real.load(h);
              }

              @Override
              public boolean delete(SuspensionHandle h) {
                return real.delete(h);
              }

              @Override
              public List<SuspensionSummary> list(SuspensionFilter f) {
                return real.list(f);
              }

              @Override
              public Optional<ResumeClaim> claim(SuspensionHandle h, Duration lease) {
                assertThat(a.resume(h, go).status()).isEqualTo(PipelineStatus.COMPLETED);
                return real.claim(h, lease);
              }

              @Override
              public void release(ResumeClaim c) {
                real.release(c);
              }
            };
        try (Constellation b = engineOn(storeB)) {
          PipelineImage image = ConstellationCompiler.forEngine(a).compileOrThrow(SOURCE, "race");
          SuspensionHandle handle =
              a.run(image, Map.of("n", CValue.of(7L))).suspensionHandle().orElseThrow();
          assertThatThrownBy(() -> b.resume(handle, go))
              .isInstanceOf(SuspensionNotFoundException.class)
              .hasMessageContaining("already resumed to completion");
          assertThat(finishCalls).hasValue(1);
        }
      }
    }
  }

  private void race(SuspensionStore storeA, SuspensionStore storeB) throws Exception {
    Map<String, CValue> go = Map.of("go", CValue.of(true));
    Map<String, Integer> outcomes = new TreeMap<>();
    try (Constellation a = engineOn(storeA);
        Constellation b = engineOn(storeB);
        ExecutorService threads = Executors.newFixedThreadPool(2)) {
      PipelineImage image = ConstellationCompiler.forEngine(a).compileOrThrow(SOURCE, "race");
      CyclicBarrier barrier = new CyclicBarrier(2);
      for (int round = 0; round < ROUNDS; round++) {
        Constellation starter = round % 2 == 0 ? a : b;
        DataSignature suspended = starter.run(image, Map.of("n", CValue.of((long) round)));
        assertThat(suspended.status()).isEqualTo(PipelineStatus.SUSPENDED);
        SuspensionHandle handle = suspended.suspensionHandle().orElseThrow();

        List<Future<DataSignature>> racers = new ArrayList<>();
        for (Constellation engine : List.of(a, b)) {
          racers.add(
              threads.submit(
                  () -> {
                    barrier.await(10, TimeUnit.SECONDS);
                    return engine.resume(handle, go);
                  }));
        }
        int won = 0;
        int lost = 0;
        for (int i = 0; i < 2; i++) {
          String engine = i == 0 ? "A" : "B";
          try {
            DataSignature r = racers.get(i).get(30, TimeUnit.SECONDS);
            assertThat(r.status())
                .as("round %d, engine %s: %s", round, engine, r.errors())
                .isEqualTo(PipelineStatus.COMPLETED);
            assertThat(r.outputs()).containsEntry("finished", CValue.of("done " + round * 10L));
            won++;
            outcomes.merge("won by " + engine, 1, Integer::sum);
          } catch (ExecutionException e) {
            Throwable why = e.getCause();
            assertThat(why)
                .as("round %d, engine %s lost with", round, engine)
                .isInstanceOfAny(
                    ResumeInProgressException.class, SuspensionNotFoundException.class);
            lost++;
            outcomes.merge(why.getClass().getSimpleName(), 1, Integer::sum);
          }
        }
        assertThat(won).as("winners of round %d", round).isEqualTo(1);
        assertThat(lost).as("losers of round %d", round).isEqualTo(1);
      }
      assertThat(finishCalls).as("module after the resume point").hasValue(ROUNDS);
      assertThat(prepareCalls).as("module before the resume point").hasValue(ROUNDS);
      assertThat(storeA.list(SuspensionFilter.all())).as("suspensions left").isEmpty();
    }
    System.out.println("resume race outcomes over " + ROUNDS + " rounds: " + outcomes);
  }
}
