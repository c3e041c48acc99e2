package io.constellation.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.constellation.ClaimLostException;
import io.constellation.Constellation;
import io.constellation.ConstellationImpl;
import io.constellation.ResumeInProgressException;
import io.constellation.StoreException;
import io.constellation.SuspensionStore;
import io.constellation.execution.DataSignature;
import io.constellation.execution.PipelineStatus;
import io.constellation.impl.InMemorySuspensionStore;
import io.constellation.module.Module;
import io.constellation.pipeline.Pipeline;
import io.constellation.pipeline.PipelineImage;
import io.constellation.suspension.ResumeClaim;
import io.constellation.suspension.SuspendedExecution;
import io.constellation.suspension.SuspensionFilter;
import io.constellation.suspension.SuspensionHandle;
import io.constellation.suspension.SuspensionSummary;
import io.constellation.type.CType;
import io.constellation.type.CValue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A resume keeps its claim beyond the lease by renewing it, and never writes once it lost it. */
class ResumeLeaseTest {
  private static final Duration LEASE = Duration.ofMillis(150);

  private final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
  private final CountDownLatch entered = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);
  private Constellation a;
  private Constellation b;

  @AfterEach
  void close() {
    release.countDown();
    pool.shutdownNow();
    if (a != null) {
      a.close();
    }
    if (b != null) {
      b.close();
    }
  }

  /** Gate(text) prefixes {@code tag}; engine A's waits for {@link #release} first. */
  private Module gate(String tag, boolean blocking) {
    return Module.builder("Gate")
        .input("text", CType.STRING)
        .output("result", CType.STRING)
        .implementation(
            in -> {
              if (blocking) {
                entered.countDown();
                if (!release.await(10, TimeUnit.SECONDS)) {
                  throw new IllegalStateException("the test never released the gate");
                }
              }
              return Map.of("result", CValue.of(tag + in.getString("text")));
            })
        .build();
  }

  private static Module concat() {
    return Module.builder("Concat")
        .input("a", CType.STRING)
        .input("b", CType.STRING)
        .output("result", CType.STRING)
        .implementation(in -> Map.of("result", CValue.of(in.getString("a") + in.getString("b"))))
        .build();
  }

  /** text → Gate → g ; Concat(g, more) → out. Resuming with only {@code text} re-suspends. */
  private static PipelineImage pipeline(Constellation c) {
    return Pipeline.builder("gated")
        .input("text", CType.STRING)
        .input("more", CType.STRING)
        .call("g", "Gate", Map.of("text", "text"))
        .call("out", "Concat", Map.of("a", "g", "b", "more"))
        .output("out")
        .build(c.registry());
  }

  private static Constellation engine(SuspensionStore store, Module gate) {
    return ConstellationImpl.builder()
        .withSuspensionStore(store)
        .withResumeLease(LEASE)
        .withModules(gate, concat())
        .build();
  }

  private static boolean poll(BooleanSupplier condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return condition.getAsBoolean();
  }

  private static Throwable failureOf(Future<?> f) throws InterruptedException {
    try {
      f.get(10, TimeUnit.SECONDS);
      throw new AssertionError("the resume succeeded");
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("the resume did not end", e);
    }
  }

  @Test
  void aResumeLongerThanTheLeaseKeepsItsClaimAndCompletes() throws Exception {
    InMemorySuspensionStore store = new InMemorySuspensionStore();
    a = engine(store, gate("A:", true));
    SuspensionHandle h = a.run(pipeline(a), Map.of()).suspensionHandle().orElseThrow();
    Future<DataSignature> winner =
        pool.submit(() -> a.resume(h, Map.of("text", CValue.of("go"), "more", CValue.of("!"))));
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
    Instant pastThreeLeases = Instant.now().plus(LEASE.multipliedBy(3));
    AtomicInteger refused = new AtomicInteger();
    // keep trying a second resume until three leases have passed: each must be refused
    boolean done =
        poll(
            () -> {
              try {
                a.resume(h, Map.of("text", CValue.of("go"), "more", CValue.of("?")));
                throw new AssertionError("a second resume ran while the first held the claim");
              } catch (ResumeInProgressException e) {
                refused.incrementAndGet();
              }
              return Instant.now().isAfter(pastThreeLeases);
            },
            Duration.ofSeconds(5));
    assertThat(done).isTrue();
    assertThat(refused.get()).isGreaterThan(3);
    release.countDown();
    DataSignature result = winner.get(10, TimeUnit.SECONDS);
    assertThat(result.status()).isEqualTo(PipelineStatus.COMPLETED);
    assertThat(result.outputs()).containsEntry("out", CValue.of("A:go!"));
    assertThat(store.load(h)).isEmpty();
  }

  @Test
  void aResumeWhoseLeaseWasTakenOverThrowsClaimLostAndLeavesTheWinnersSnapshot() throws Exception {
    RenewalFailingStore store = new RenewalFailingStore(new InMemorySuspensionStore(), true);
    a = engine(store, gate("A:", true));
    b = engine(store, gate("B:", false));
    SuspensionHandle h = a.run(pipeline(a), Map.of()).suspensionHandle().orElseThrow();
    Future<DataSignature> loser = pool.submit(() -> a.resume(h, Map.of("text", CValue.of("go"))));
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
    // A cannot renew, so once its lease runs out engine B can take the suspension over
    DataSignature[] byB = new DataSignature[1];
    boolean tookOver =
        poll(
            () -> {
              try {
                byB[0] = b.resume(h, Map.of("text", CValue.of("go")));
                return true;
              } catch (ResumeInProgressException e) {
                return false;
              }
            },
            Duration.ofSeconds(5));
    assertThat(tookOver).isTrue();
    assertThat(byB[0].status()).isEqualTo(PipelineStatus.SUSPENDED);
    SuspendedExecution winners = store.load(h).orElseThrow();
    assertThat(winners.computedValues()).containsEntry("g", CValue.of("B:go"));

    release.countDown();
    Throwable failure = failureOf(loser);
    assertThat(failure)
        .isInstanceOfSatisfying(
            ClaimLostException.class,
            e -> {
              assertThat(e.handle()).isEqualTo(h);
              assertThat(e.getMessage()).contains(h.id());
              DataSignature mine = e.result().orElseThrow();
              assertThat(mine.status()).isEqualTo(PipelineStatus.SUSPENDED);
              assertThat(mine.computedNodes()).containsEntry("g", CValue.of("A:go"));
              assertThat(mine.suspensionHandle()).isEmpty();
              assertThat(mine.suspendedState()).isPresent();
            });
    assertThat(store.load(h)).as("the loser wrote nothing").contains(winners);
    assertThat(store.list(SuspensionFilter.all()))
        .extracting(SuspensionSummary::resumptionCount)
        .containsExactly(1);
  }

  @Test
  void aResumeWhoseRenewalIsRefusedThrowsClaimLostWithoutWriting() throws Exception {
    RenewalFailingStore store = new RenewalFailingStore(new InMemorySuspensionStore(), false);
    a = engine(store, gate("A:", true));
    SuspensionHandle h = a.run(pipeline(a), Map.of()).suspensionHandle().orElseThrow();
    SuspendedExecution before = store.load(h).orElseThrow();
    Future<DataSignature> loser =
        pool.submit(() -> a.resume(h, Map.of("text", CValue.of("go"), "more", CValue.of("!"))));
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(poll(() -> store.renewals.get() > 0, Duration.ofSeconds(5)))
        .as("the engine tried to renew")
        .isTrue();
    release.countDown();
    Throwable failure = failureOf(loser);
    assertThat(failure).isInstanceOf(ClaimLostException.class).isInstanceOf(StoreException.class);
    DataSignature mine = ((ClaimLostException) failure).result().orElseThrow();
    assertThat(mine.status()).isEqualTo(PipelineStatus.COMPLETED);
    assertThat(mine.outputs()).containsEntry("out", CValue.of("A:go!"));
    assertThat(store.load(h)).as("the completed resume did not delete").contains(before);
    assertThat(store.fencedWrites.get()).as("no write was attempted").isZero();
  }

  @Test
  void aResumeThatEndsWithinTheLeaseNeverRenewsAndReleasesItsClaim() {
    RenewalFailingStore store = new RenewalFailingStore(new InMemorySuspensionStore(), false);
    a =
        ConstellationImpl.builder()
            .withSuspensionStore(store)
            .withModules(gate("A:", false), concat())
            .build();
    SuspensionHandle h = a.run(pipeline(a), Map.of()).suspensionHandle().orElseThrow();
    DataSignature second = a.resume(h, Map.of("text", CValue.of("go")));
    assertThat(second.status()).isEqualTo(PipelineStatus.SUSPENDED);
    assertThat(second.suspensionHandle()).contains(h);
    assertThat(store.renewals.get()).isZero();
    assertThat(store.fencedWrites.get()).isEqualTo(1);
    assertThat(store.claim(h, LEASE)).as("the claim was released").isPresent();
  }

  /**
   * An in-memory store whose renewals fail: they throw (a store that cannot be reached for them) or
   * come back empty (the store says the claim is gone). Everything else is the inner store's.
   */
  private static final class RenewalFailingStore implements SuspensionStore {
    private final InMemorySuspensionStore inner;
    private final boolean throwOnRenew;
    final AtomicInteger renewals = new AtomicInteger();
    final AtomicInteger fencedWrites = new AtomicInteger();

    RenewalFailingStore(InMemorySuspensionStore inner, boolean throwOnRenew) {
      this.inner = inner;
      this.throwOnRenew = throwOnRenew;
    }

    @Override
    public SuspensionHandle save(SuspendedExecution execution) {
      return inner.save(execution);
    }

    @Override
    public SuspensionHandle replace(SuspensionHandle handle, SuspendedExecution execution) {
      return inner.replace(handle, execution);
    }

    @Override
    public Optional<SuspendedExecution> load(SuspensionHandle handle) {
      return inner.load(handle);
    }

    @Override
    public boolean delete(SuspensionHandle handle) {
      return inner.delete(handle);
    }

    @Override
    public List<SuspensionSummary> list(SuspensionFilter filter) {
      return inner.list(filter);
    }

    @Override
    public Optional<ResumeClaim> claim(SuspensionHandle handle, Duration lease) {
      return inner.claim(handle, lease);
    }

    @Override
    public void release(ResumeClaim claim) {
      inner.release(claim);
    }

    @Override
    public Optional<ResumeClaim> renew(ResumeClaim claim, Duration lease) {
      renewals.incrementAndGet();
      if (throwOnRenew) {
        throw new StoreException("renewal refused by the test");
      }
      return Optional.empty();
    }

    @Override
    public SuspensionHandle replace(
        SuspensionHandle handle, SuspendedExecution execution, ResumeClaim claim) {
      fencedWrites.incrementAndGet();
      return inner.replace(handle, execution, claim);
    }

    @Override
    public boolean delete(SuspensionHandle handle, ResumeClaim claim) {
      fencedWrites.incrementAndGet();
      return inner.delete(handle, claim);
    }
  }
}
