package io.constellation.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.constellation.StoreException;
import io.constellation.suspension.ResumeClaim;
import io.constellation.suspension.SuspendedExecution;
import io.constellation.suspension.SuspensionFilter;
import io.constellation.suspension.SuspensionHandle;
import io.constellation.suspension.SuspensionSummary;
import io.constellation.tck.SampleData;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Redis-specific behaviour of {@link RedisSuspensionStore} against a private redis-server. */
class RedisSuspensionStoreTest {
  private static final Instant T0 = Instant.parse("2025-05-06T07:08:09.010Z");
  @RegisterExtension static final PrivateRedis redis = new PrivateRedis();

  private String prefix;
  private RedisSuspensionStore store;

  @BeforeEach
  void newStore() {
    prefix = "susp:" + UUID.randomUUID() + ":";
    store = RedisSuspensionStore.builder(redis.client()).keyPrefix(prefix).build();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  private static SuspendedExecution sample(UUID exec, int variant, int resumptions, int minute) {
    return SampleData.suspension(exec, variant, resumptions, T0.plusSeconds(60L * minute));
  }

  private TreeSet<String> keysUnderPrefix() {
    TreeSet<String> keys = new TreeSet<>();
    ScanArgs args = ScanArgs.Builder.matches(RedisCalls.matchAll(prefix)).limit(500);
    ScanCursor cursor = ScanCursor.INITIAL;
    do {
      KeyScanCursor<String> page = redis.sync().scan(cursor, args);
      keys.addAll(page.getKeys());
      cursor = page;
    } while (!cursor.isFinished());
    return keys;
  }

  @Test
  void twoEnginesRacingToClaimOneSuspensionProduceExactlyOneWinnerEveryTime() throws Exception {
    SuspensionHandle h = store.save(sample(UUID.randomUUID(), 1, 0, 0));
    // a second "engine": its own client and connection, sharing only the server
    RedisClient otherClient = RedisClient.create(RedisURI.create(redis.uri()));
    try (RedisSuspensionStore other =
            RedisSuspensionStore.builder(otherClient).keyPrefix(prefix).build();
        ExecutorService pool = Executors.newFixedThreadPool(2)) {
      List<RedisSuspensionStore> engines = List.of(store, other);
      for (int round = 0; round < 200; round++) {
        CyclicBarrier barrier = new CyclicBarrier(2);
        List<Future<Optional<ResumeClaim>>> attempts = new ArrayList<>();
        for (RedisSuspensionStore engine : engines) {
          attempts.add(
              pool.submit(
                  () -> {
                    barrier.await();
                    return engine.claim(h, Duration.ofSeconds(30));
                  }));
        }
        List<ResumeClaim> winners = new ArrayList<>();
        for (Future<Optional<ResumeClaim>> f : attempts) {
          f.get().ifPresent(winners::add);
        }
        assertThat(winners).as("winners in round " + round).hasSize(1);
        // the loser cannot release the winner's claim with a forged token
        other.release(new ResumeClaim(h, "forged", Instant.now().plusSeconds(30)));
        assertThat(store.claim(h, Duration.ofSeconds(30))).as("still held").isEmpty();
        engines.get(round % 2).release(winners.get(0)); // either engine may release it
      }
    } finally {
      otherClient.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
  }

  @Test
  void claimIsAServerSideKeyWithTheLeaseAsItsTtl() {
    SuspensionHandle h = store.save(sample(UUID.randomUUID(), 1, 0, 0));
    ResumeClaim c = store.claim(h, Duration.ofSeconds(20)).orElseThrow();
    assertThat(redis.sync().get(prefix + "claim:" + h.id())).isEqualTo(c.token());
    assertThat(redis.sync().pttl(prefix + "claim:" + h.id())).isBetween(15_000L, 20_000L);
    store.release(c);
    assertThat(redis.sync().exists(prefix + "claim:" + h.id())).isZero();
  }

  @Test
  void indexesFollowReplaceAndDelete() {
    UUID exec = UUID.randomUUID();
    SuspendedExecution v1 = sample(exec, 1, 0, 0);
    SuspendedExecution v2 = sample(exec, 2, 1, 5);
    SuspensionHandle h = store.save(v1);
    SuspensionHandle other = store.save(sample(UUID.randomUUID(), 1, 0, 1));

    store.replace(h, v2);
    assertThat(store.load(h)).contains(v2);
    assertThat(handles(SuspensionFilter.all().withStructuralHash(v1.structuralHash())))
        .containsExactly(other);
    assertThat(handles(SuspensionFilter.all().withStructuralHash(v2.structuralHash())))
        .containsExactly(h);
    assertThat(handles(SuspensionFilter.all().withExecutionId(exec))).containsExactly(h);
    assertThat(handles(SuspensionFilter.all().withMinResumptionCount(1))).containsExactly(h);
    assertThat(handles(SuspensionFilter.all())).containsExactly(other, h); // createdAt order
    assertThat(redis.sync().smembers(prefix + "idx:hash:" + v1.structuralHash()))
        .containsExactly(other.id());
    assertThat(redis.sync().hget(prefix + "data:" + h.id(), "resumptionCount")).isEqualTo("1");

    assertThat(store.delete(h)).isTrue();
    assertThat(store.delete(h)).isFalse();
    assertThat(handles(SuspensionFilter.all().withExecutionId(exec))).isEmpty();
    assertThat(handles(SuspensionFilter.all().withStructuralHash(v2.structuralHash()))).isEmpty();
    assertThat(handles(SuspensionFilter.all())).containsExactly(other);

    store.delete(other);
    assertThat(keysUnderPrefix()).as("no data or index keys left").isEmpty();
  }

  @Test
  void listUsesTheIndexesNotTheDataKeys() {
    SuspendedExecution e = sample(UUID.randomUUID(), 1, 0, 0);
    SuspensionHandle h = store.save(e);
    // a data key that no index points to is not part of any listing
    redis.sync().hset(prefix + "data:orphan", "body", "{}");
    assertThat(handles(SuspensionFilter.all())).containsExactly(h);
    assertThat(keysUnderPrefix())
        .containsExactlyInAnyOrder(
            prefix + "data:" + h.id(),
            prefix + "data:orphan",
            prefix + "idx:created",
            prefix + "idx:hash:" + e.structuralHash(),
            prefix + "idx:exec:" + e.executionId());
    assertThat(redis.sync().zscore(prefix + "idx:created", h.id()))
        .isEqualTo((double) e.createdAt().toEpochMilli());
  }

  @Test
  void fencedWritesOnlySucceedWhileTheClaimIsLive() {
    UUID exec = UUID.randomUUID();
    SuspensionHandle h = store.save(sample(exec, 1, 0, 0));
    ResumeClaim claim = store.claim(h, Duration.ofSeconds(30)).orElseThrow();
    SuspendedExecution next = sample(exec, 1, 1, 0);
    assertThat(store.replaceIfClaimed(claim, next)).isTrue();
    assertThat(store.load(h)).contains(next);
    store.release(claim);
    assertThat(store.replaceIfClaimed(claim, sample(exec, 1, 2, 0))).isFalse();
    assertThat(store.load(h)).contains(next);
    assertThat(store.deleteIfClaimed(claim)).isFalse();
    assertThat(store.load(h)).isPresent();

    ResumeClaim again = store.claim(h, Duration.ofSeconds(30)).orElseThrow();
    // unfenced SPI writes are not blocked by someone else's claim
    assertThat(store.replace(h, sample(exec, 1, 3, 0))).isEqualTo(h);
    assertThat(store.deleteIfClaimed(again)).isTrue();
    assertThat(store.load(h)).isEmpty();
    assertThat(store.claim(h, Duration.ofSeconds(30))).as("delete drops the claim").isPresent();
  }

  @Test
  void undecodableStoredDataIsAStoreExceptionNamingTheHandle() {
    SuspensionHandle h = store.save(sample(UUID.randomUUID(), 1, 0, 0));
    redis.sync().hset(prefix + "data:" + h.id(), "body", "{\"formatVersion\": 99}");
    assertThatThrownBy(() -> store.load(h))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(h.id())
        .hasCauseInstanceOf(RuntimeException.class);
  }

  private List<SuspensionHandle> handles(SuspensionFilter filter) {
    return store.list(filter).stream().map(SuspensionSummary::handle).toList();
  }
}
