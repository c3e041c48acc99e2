package io.constellation.engine;

import io.constellation.ClaimLostException;
import io.constellation.SuspensionStore;
import io.constellation.suspension.ResumeClaim;
import io.constellation.suspension.SuspendedExecution;
import io.constellation.suspension.SuspensionHandle;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Holds the claim of one resume: renews it every lease/3 on a virtual thread until {@link #stop},
 * and makes the resume's final write fenced by it. Once a renewal finds the claim lost it stops
 * renewing and the final write is not attempted.
 *
 * <p>Thread-safety: {@link #current}, {@link #lost} and the writes may be called from any thread;
 * the renewal loop is the only writer of the claim.
 */
final class ClaimKeeper {
  private final SuspensionStore store;
  private final Duration lease;
  private final long periodNanos;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile ResumeClaim claim;
  private volatile boolean lost;

  ClaimKeeper(SuspensionStore store, ResumeClaim claim, Duration lease) {
    this.store = store;
    this.claim = claim;
    this.lease = lease;
    this.periodNanos = Math.max(lease.toNanos() / 3, TimeUnit.MILLISECONDS.toNanos(1));
  }

  /** Starts renewing on a virtual thread of {@code threads} (on a fresh one if it is shut down). */
  void start(ExecutorService threads) {
    try {
      threads.execute(this::loop);
    } catch (RejectedExecutionException e) {
      Thread.ofVirtual().name("claim-renewal-" + claim.handle()).start(this::loop);
    }
  }

  /** Stops renewing (an in-flight renewal finishes on its own). */
  void stop() {
    stopped.countDown();
  }

  ResumeClaim current() {
    return claim;
  }

  boolean lost() {
    return lost;
  }

  SuspensionHandle handle() {
    return claim.handle();
  }

  /** The fenced re-suspension write. */
  SuspensionHandle replace(SuspendedExecution execution) {
    if (lost) {
      throw new ClaimLostException(claim.handle());
    }
    return store.replace(claim.handle(), execution, claim);
  }

  /** The fenced delete after completion. */
  boolean delete() {
    if (lost) {
      throw new ClaimLostException(claim.handle());
    }
    return store.delete(claim.handle(), claim);
  }

  private void loop() {
    try {
      while (!stopped.await(periodNanos, TimeUnit.NANOSECONDS)) {
        try {
          Optional<ResumeClaim> renewed = store.renew(claim, lease);
          if (renewed.isEmpty()) {
            lost = true;
            return;
          }
          claim = renewed.get();
        } catch (RuntimeException e) {
          // keep the claim and retry next period; if the lease runs out the final write is refused
          RateLimitedLog.warn("renewing the claim on " + claim.handle() + " failed", e);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
