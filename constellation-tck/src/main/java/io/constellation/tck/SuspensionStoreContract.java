package io.constellation.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.constellation.ClaimLostException;
import io.constellation.SuspensionStore;
import io.constellation.suspension.ResumeClaim;
import io.constellation.suspension.SuspendedExecution;
import io.constellation.suspension.SuspensionFilter;
import io.constellation.suspension.SuspensionHandle;
import io.constellation.suspension.SuspensionSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Conformance kit for {@link SuspensionStore}. Subclass it and implement {@link #createStore()},
 * which must return an empty store.
 *
 * <p>Sample suspensions ({@link SampleData#suspension}) hold computed values of every value kind
 * and instants with millisecond precision; a loaded suspension must equal the saved one.
 *
 * <p>Claims: a claim of an unknown handle may either be granted or be empty (the engine loads the
 * suspension before claiming), but must not throw. Lease expiry is tested with {@link
 * #shortLease()} and polling, so stores whose server enforces the lease (Redis {@code PX}) need no
 * clock control.
 *
 * <p>Renewal and fenced writes ({@link SuspensionStore#renew}, the claim-taking {@code replace} and
 * {@code delete}): a claim is live while its token is the store's and its lease has not run out; a
 * renewed claim outlives its original expiry; a released, expired (taken over or not) or deleted
 * claim renews to empty and its fenced writes throw {@link ClaimLostException} naming the handle
 * and change nothing.
 */
public abstract class SuspensionStoreContract {
  private static final Duration LONG_LEASE = Duration.ofSeconds(30);
  private static final Instant T0 = Instant.parse("2025-02-03T04:05:06.789Z");

  private SuspensionStore store;

  /** A fresh, empty store. */
  protected abstract SuspensionStore createStore();

  /** The lease of the expiry test; the kit polls up to {@code shortLease + 3 s}. Default 300 ms. */
  protected Duration shortLease() {
    return Duration.ofMillis(300);
  }

  /** Releases the store after each test; closes it when it is {@link AutoCloseable}. */
  protected void closeStore(SuspensionStore store) {
    if (store instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception e) {
        throw new IllegalStateException("closing the store failed", e);
      }
    }
  }

  /** The store of the current test. */
  protected final SuspensionStore store() {
    return store;
  }

  @BeforeEach
  final void tckCreateStore() {
    store = createStore();
    assertThat(store).as("createStore()").isNotNull();
  }

  @AfterEach
  final void tckCloseStore() {
    if (store != null) {
      closeStore(store);
      store = null;
    }
  }

  private static SuspendedExecution sample(int variant, int resumptions, int minutesAfterT0) {
    return SampleData.suspension(
        UUID.randomUUID(), variant, resumptions, T0.plus(Duration.ofMinutes(minutesAfterT0)));
  }

  @Test
  void aSavedSuspensionLoadsBackEqual() {
    SuspendedExecution s = sample(1, 2, 0);
    SuspensionHandle h = store.save(s);
    assertThat(store.load(h)).contains(s);
  }

  @Test
  void specialFloatsInComputedValuesRoundTrip() {
    SuspendedExecution base = sample(1, 0, 0);
    var computed = new java.util.LinkedHashMap<>(base.computedValues());
    computed.putAll(SampleData.specialFloats());
    SuspendedExecution s =
        new SuspendedExecution(
            base.executionId(),
            base.image(),
            base.inputs(),
            computed,
            base.missingInputs(),
            base.resumptionCount(),
            base.createdAt(),
            base.lastResumedAt());
    assertThat(store.load(store.save(s))).contains(s);
  }

  @Test
  void everySaveGetsItsOwnHandle() {
    SuspendedExecution s = sample(1, 0, 0);
    SuspensionHandle h1 = store.save(s);
    SuspensionHandle h2 = store.save(s);
    assertThat(h1).isNotEqualTo(h2);
    assertThat(store.list(SuspensionFilter.all())).hasSize(2);
  }

  @Test
  void loadOfAnUnknownHandleIsEmpty() {
    assertThat(store.load(new SuspensionHandle(UUID.randomUUID().toString()))).isEmpty();
  }

  @Test
  void deleteReturnsWhetherItExisted() {
    SuspensionHandle h = store.save(sample(1, 0, 0));
    assertThat(store.delete(h)).isTrue();
    assertThat(store.load(h)).isEmpty();
    assertThat(store.delete(h)).isFalse();
    assertThat(store.list(SuspensionFilter.all())).isEmpty();
  }

  @Test
  void replaceKeepsTheHandle() {
    SuspendedExecution first = sample(1, 0, 0);
    SuspensionHandle h = store.save(first);
    SuspendedExecution resumed =
        SampleData.suspension(first.executionId(), 1, 1, first.createdAt());
    SuspensionHandle after = store.replace(h, resumed);
    assertThat(after).isEqualTo(h);
    assertThat(store.load(h)).contains(resumed);
    assertThat(store.list(SuspensionFilter.all()))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.handle()).isEqualTo(h);
              assertThat(s.resumptionCount()).isEqualTo(1);
            });
  }

  @Test
  void aSummaryDescribesTheSuspension() {
    SuspendedExecution s = sample(2, 3, 5);
    SuspensionHandle h = store.save(s);
    assertThat(store.list(SuspensionFilter.all())).containsExactly(s.summary(h));
  }

  @Test
  void listReturnsOldestFirst() {
    SuspensionHandle newest = store.save(sample(1, 0, 30));
    SuspensionHandle oldest = store.save(sample(1, 0, 10));
    SuspensionHandle middle = store.save(sample(1, 0, 20));
    assertThat(store.list(SuspensionFilter.all()))
        .extracting(SuspensionSummary::handle)
        .containsExactly(oldest, middle, newest);
  }

  private record Fixture(
      SuspensionHandle a,
      SuspensionHandle b,
      SuspensionHandle c,
      SuspensionHandle d,
      UUID shared,
      String hash1,
      String hash2) {}

  /** a: image 1, rc 0; b: image 1, rc 2, id shared; c: image 2, rc 1; d: image 2, rc 3, shared. */
  private Fixture fixture() {
    UUID shared = UUID.randomUUID();
    SuspendedExecution a = sample(1, 0, 1);
    SuspendedExecution b = SampleData.suspension(shared, 1, 2, T0.plus(Duration.ofMinutes(2)));
    SuspendedExecution c = sample(2, 1, 3);
    SuspendedExecution d = SampleData.suspension(shared, 2, 3, T0.plus(Duration.ofMinutes(4)));
    return new Fixture(
        store.save(a),
        store.save(b),
        store.save(c),
        store.save(d),
        shared,
        a.structuralHash(),
        c.structuralHash());
  }

  private List<SuspensionHandle> handles(SuspensionFilter f) {
    return store.list(f).stream().map(SuspensionSummary::handle).toList();
  }

  @Test
  void listFiltersByStructuralHash() {
    Fixture f = fixture();
    assertThat(handles(SuspensionFilter.all().withStructuralHash(f.hash1())))
        .containsExactly(f.a(), f.b());
    assertThat(handles(SuspensionFilter.all().withStructuralHash(f.hash2())))
        .containsExactly(f.c(), f.d());
    assertThat(handles(SuspensionFilter.all().withStructuralHash(SampleData.sha256Hex("none"))))
        .isEmpty();
  }

  @Test
  void listFiltersByExecutionId() {
    Fixture f = fixture();
    assertThat(handles(SuspensionFilter.all().withExecutionId(f.shared())))
        .containsExactly(f.b(), f.d());
    assertThat(handles(SuspensionFilter.all().withExecutionId(UUID.randomUUID()))).isEmpty();
  }

  @Test
  void resumptionCountBoundsAreInclusive() {
    Fixture f = fixture();
    assertThat(handles(SuspensionFilter.all().withMinResumptionCount(2)))
        .containsExactly(f.b(), f.d());
    assertThat(handles(SuspensionFilter.all().withMaxResumptionCount(1)))
        .containsExactly(f.a(), f.c());
    assertThat(handles(SuspensionFilter.all().withMinResumptionCount(1).withMaxResumptionCount(2)))
        .containsExactly(f.b(), f.c());
    assertThat(handles(SuspensionFilter.all().withMinResumptionCount(3).withMaxResumptionCount(3)))
        .containsExactly(f.d());
  }

  @Test
  void severalCriteriaAreAnded() {
    Fixture f = fixture();
    assertThat(
            handles(
                SuspensionFilter.all()
                    .withStructuralHash(f.hash2())
                    .withExecutionId(f.shared())
                    .withMinResumptionCount(3)))
        .containsExactly(f.d());
    assertThat(
            handles(SuspensionFilter.all().withStructuralHash(f.hash1()).withMinResumptionCount(3)))
        .isEmpty();
  }

  @Test
  void aClaimIsExclusiveWhileItIsLive() {
    SuspensionHandle h = store.save(sample(1, 0, 0));
    Optional<ResumeClaim> first = store.claim(h, LONG_LEASE);
    assertThat(first).isPresent();
    assertThat(first.get().handle()).isEqualTo(h);
    assertThat(first.get().expiresAt()).isAfter(Instant.now());
    assertThat(store.claim(h, LONG_LEASE)).isEmpty();
  }

  @Test
  void claimsOfDifferentHandlesAreIndependent() {
    SuspensionHandle h1 = store.save(sample(1, 0, 0));
    SuspensionHandle h2 = store.save(sample(1, 0, 1));
    assertThat(store.claim(h1, LONG_LEASE)).isPresent();
    assertThat(store.claim(h2, LONG_LEASE)).isPresent();
  }

  @Test
  void releaseLetsAnotherClaimIt() {
    SuspensionHandle h = store.save(sample(1, 0, 0));
    ResumeClaim first = store.claim(h, LONG_LEASE).orElseThrow();
    store.release(first);
    Optional<ResumeClaim> second = store.claim(h, LONG_LEASE);
    assertThat(second).isPresent();
    assertThat(second.get().token()).isNotEqualTo(first.token());
  }

  @Test
  void releasingTwiceIsANoOp() {
    SuspensionHandle h = store.save(sample(1, 0, 0));
    ResumeClaim first = store.claim(h, LONG_LEASE).orElseThrow();
    store.release(first);
    assertThatCode(() -> store.release(first)).doesNotThrowAnyException();
  }

  @Test
  void anExpiredLeaseCanBeTakenOver() {
    SuspensionHandle h = store.save(sample(1, 0, 0));
    ResumeClaim first = store.claim(h, shortLease()).orElseThrow();
    List<ResumeClaim> taken = new ArrayList<>();
    boolean tookOver =
        Poll.until(
            () -> store.claim(h, LONG_LEASE).map(taken::add).orElse(false),
            shortLease().plusSeconds(3),
            Duration.ofMillis(25));
    assertThat(tookOver).as("claim after a " + shortLease() + " lease expired").isTrue();
    assertThat(taken.get(0).token()).isNotEqualTo(first.token());
  }

  @Test
  void aStaleClaimCannotReleaseTheNewHoldersClaim() {
    SuspensionHandle h = store.save(sample(1, 0, 0));
    ResumeClaim stale = store.claim(h, shortLease()).orElseThrow();
    boolean tookOver =
        Poll.until(
            () -> store.claim(h, LONG_LEASE).isPresent(),
            shortLease().plusSeconds(3),
            Duration.ofMillis(25));
    assertThat(tookOver).isTrue();
    store.release(stale);
    assertThat(store.claim(h, LONG_LEASE))
        .as("claim while the new holder's lease is live")
        .isEmpty();
  }

  @Test
  void claimOfAnUnknownHandleDoesNotThrow() {
    SuspensionHandle unknown = new SuspensionHandle(UUID.randomUUID().toString());
    assertThatCode(() -> store.claim(unknown, LONG_LEASE).ifPresent(c -> store.release(c)))
        .doesNotThrowAnyException();
  }

  @Test
  void sixteenThreadsRacingForOneHandleProduceExactlyOneWinner() throws Exception {
    int threads = 16;
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int round = 0; round < 50; round++) {
        SuspensionHandle h = store.save(sample(1, 0, round));
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Optional<ResumeClaim>>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          futures.add(
              pool.submit(
                  () -> {
                    start.await();
                    return store.claim(h, LONG_LEASE);
                  }));
        }
        start.countDown();
        int winners = 0;
        for (Future<Optional<ResumeClaim>> f : futures) {
          if (f.get().isPresent()) {
            winners++;
          }
        }
        assertThat(winners).as("winners in round " + round).isEqualTo(1);
      }
    }
  }

  // ------------------------------------------------------------ renewal and fenced writes

  /** Polls (without a fixed sleep) until the wall clock is past {@code instant} plus a margin. */
  private static void waitPast(Instant instant) {
    Instant target = instant.plusMillis(100);
    boolean passed =
        Poll.until(
            () -> Instant.now().isAfter(target),
            Duration.between(Instant.now(), target).plusSeconds(3),
            Duration.ofMillis(25));
    assertThat(passed).as("wall clock past " + target).isTrue();
  }

  /** A claim taken with {@link #shortLease()} whose lease has run out by now. */
  private ResumeClaim expiredClaim(SuspensionHandle h) {
    ResumeClaim claim = store.claim(h, shortLease()).orElseThrow();
    waitPast(claim.expiresAt());
    return claim;
  }

  @Test
  void renewExtendsALiveClaimPastItsOriginalExpiry() {
    SuspendedExecution first = sample(1, 0, 0);
    SuspensionHandle h = store.save(first);
    ResumeClaim claim = store.claim(h, shortLease()).orElseThrow();
    Optional<ResumeClaim> renewed = store.renew(claim, LONG_LEASE);
    assertThat(renewed).isPresent();
    assertThat(renewed.get().handle()).isEqualTo(h);
    assertThat(renewed.get().token()).isEqualTo(claim.token());
    assertThat(renewed.get().expiresAt()).isAfter(claim.expiresAt());
    waitPast(claim.expiresAt());
    assertThat(store.claim(h, LONG_LEASE))
        .as("claim after the original lease ran out, while the renewed one is live")
        .isEmpty();
    assertThat(store.renew(renewed.get(), LONG_LEASE)).as("renewing again").isPresent();
    SuspendedExecution next = SampleData.suspension(first.executionId(), 1, 1, first.createdAt());
    assertThat(store.replace(h, next, renewed.get())).isEqualTo(h);
    assertThat(store.load(h)).contains(next);
  }

  @Test
  void renewOfAReleasedClaimIsEmpty() {
    SuspensionHandle h = store.save(sample(1, 0, 0));
    ResumeClaim claim = store.claim(h, LONG_LEASE).orElseThrow();
    store.release(claim);
    assertThat(store.renew(claim, LONG_LEASE)).isEmpty();
    assertThat(store.claim(h, LONG_LEASE)).as("a failed renew holds nothing").isPresent();
  }

  @Test
  void renewAfterAnotherTookOverTheExpiredLeaseIsEmpty() {
    SuspensionHandle h = store.save(sample(1, 0, 0));
    ResumeClaim stale = expiredClaim(h);
    ResumeClaim holder = store.claim(h, LONG_LEASE).orElseThrow();
    assertThat(store.renew(stale, LONG_LEASE)).isEmpty();
    assertThat(store.renew(holder, LONG_LEASE)).as("the new holder renews").isPresent();
  }

  @Test
  void anExpiredClaimIsLostEvenIfNobodyTookItOver() {
    SuspendedExecution s = sample(1, 0, 0);
    SuspensionHandle h = store.save(s);
    ResumeClaim expired = expiredClaim(h);
    assertThat(store.renew(expired, LONG_LEASE)).as("renew after expiry").isEmpty();
    SuspendedExecution next = SampleData.suspension(s.executionId(), 1, 1, s.createdAt());
    assertThatThrownBy(() -> store.replace(h, next, expired))
        .isInstanceOf(ClaimLostException.class);
    assertThatThrownBy(() -> store.delete(h, expired)).isInstanceOf(ClaimLostException.class);
    assertThat(store.load(h)).contains(s);
  }

  @Test
  void renewAfterTheSuspensionWasDeletedIsEmpty() {
    SuspensionHandle h = store.save(sample(1, 0, 0));
    ResumeClaim claim = store.claim(h, LONG_LEASE).orElseThrow();
    assertThat(store.delete(h)).isTrue();
    assertThat(store.renew(claim, LONG_LEASE)).isEmpty();
  }

  @Test
  void fencedReplaceAndDeleteSucceedWithTheLiveClaim() {
    SuspendedExecution first = sample(1, 0, 0);
    SuspensionHandle h = store.save(first);
    ResumeClaim claim = store.claim(h, LONG_LEASE).orElseThrow();
    SuspendedExecution next = SampleData.suspension(first.executionId(), 2, 1, first.createdAt());
    assertThat(store.replace(h, next, claim)).isEqualTo(h);
    assertThat(store.load(h)).contains(next);
    assertThat(store.list(SuspensionFilter.all())).containsExactly(next.summary(h));
    assertThat(store.claim(h, LONG_LEASE)).as("the claim survives a fenced replace").isEmpty();
    assertThat(store.delete(h, claim)).isTrue();
    assertThat(store.load(h)).isEmpty();
    assertThat(store.list(SuspensionFilter.all())).isEmpty();
  }

  @Test
  void fencedWritesWithAReleasedClaimThrowClaimLostAndChangeNothing() {
    SuspendedExecution first = sample(1, 0, 0);
    SuspensionHandle h = store.save(first);
    ResumeClaim claim = store.claim(h, LONG_LEASE).orElseThrow();
    store.release(claim);
    SuspendedExecution next = SampleData.suspension(first.executionId(), 2, 1, first.createdAt());
    assertThatThrownBy(() -> store.replace(h, next, claim))
        .isInstanceOfSatisfying(
            ClaimLostException.class,
            e -> {
              assertThat(e.handle()).isEqualTo(h);
              assertThat(e.getMessage()).contains(h.id());
              assertThat(e.result()).isEmpty();
            });
    assertThatThrownBy(() -> store.delete(h, claim))
        .isInstanceOfSatisfying(ClaimLostException.class, e -> assertThat(e.handle()).isEqualTo(h));
    assertThat(store.load(h)).contains(first);
  }

  @Test
  void fencedWritesWithAStaleClaimThrowAfterAnotherEngineTookOverTheExpiredLease() {
    SuspendedExecution first = sample(1, 0, 0);
    SuspensionHandle h = store.save(first);
    ResumeClaim stale = expiredClaim(h);
    ResumeClaim holder = store.claim(h, LONG_LEASE).orElseThrow();
    SuspendedExecution loser = SampleData.suspension(first.executionId(), 2, 1, first.createdAt());
    assertThatThrownBy(() -> store.replace(h, loser, stale)).isInstanceOf(ClaimLostException.class);
    assertThatThrownBy(() -> store.delete(h, stale)).isInstanceOf(ClaimLostException.class);
    assertThat(store.load(h)).contains(first);
    SuspendedExecution winner = SampleData.suspension(first.executionId(), 1, 1, first.createdAt());
    assertThat(store.replace(h, winner, holder)).isEqualTo(h);
    assertThat(store.load(h)).contains(winner);
    assertThat(store.delete(h, holder)).isTrue();
    assertThat(store.load(h)).isEmpty();
  }

  @Test
  void fencedWritesWithAClaimOnAnotherHandleAreRejected() {
    SuspensionHandle h1 = store.save(sample(1, 0, 0));
    SuspendedExecution s2 = sample(1, 0, 1);
    SuspensionHandle h2 = store.save(s2);
    ResumeClaim onH1 = store.claim(h1, LONG_LEASE).orElseThrow();
    assertThatThrownBy(() -> store.replace(h2, sample(2, 1, 1), onH1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.delete(h2, onH1)).isInstanceOf(IllegalArgumentException.class);
    assertThat(store.load(h2)).contains(s2);
  }
}
