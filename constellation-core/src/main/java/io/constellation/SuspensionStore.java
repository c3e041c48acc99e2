package io.constellation;

import io.constellation.suspension.ResumeClaim;
import io.constellation.suspension.SuspendedExecution;
import io.constellation.suspension.SuspensionFilter;
import io.constellation.suspension.SuspensionHandle;
import io.constellation.suspension.SuspensionSummary;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Persists suspended runs so they can be resumed later, possibly on another node.
 *
 * <p><b>Thread-safety:</b> implementations must be safe for concurrent use, and, for shared stores,
 * across processes.
 *
 * <p><b>Blocking:</b> methods may block on I/O; the engine calls them on virtual threads.
 *
 * <p><b>Failure:</b> I/O failures are thrown as {@link StoreException} with the cause kept, and
 * leave the store unchanged.
 *
 * <p><b>Exclusive resume:</b> {@link #claim} grants at most one live claim per handle across
 * everything sharing the store; a claim expires after its lease so a crashed node does not block a
 * suspension forever.
 *
 * <p><b>Renewal and fencing:</b> a resume that may outlive its lease keeps the claim with {@link
 * #renew}, and makes its final write with the fenced {@link #replace(SuspensionHandle,
 * SuspendedExecution, ResumeClaim)} / {@link #delete(SuspensionHandle, ResumeClaim)}, which write
 * only while the claim is still the live one and otherwise throw {@link ClaimLostException}. A
 * claim is <em>live</em> while its token is the one the store holds for the handle and its lease
 * has not expired (by the store's time); once expired it is lost for good, even if nobody took it
 * over. The defaults of these three methods work on the in-process claim table of the default
 * {@link #claim}; stores shared between processes must override all of them (and {@code
 * claim}/{@code release}) to be safe.
 */
public interface SuspensionStore {

  /** Saves a new suspension and returns its handle. */
  SuspensionHandle save(SuspendedExecution execution);

  /**
   * Replaces the suspension under {@code handle} (a re-suspension after a resume). The default
   * deletes and saves under the same handle semantics of the implementation; stores should override
   * it to do this atomically.
   */
  default SuspensionHandle replace(SuspensionHandle handle, SuspendedExecution execution) {
    delete(handle);
    return save(execution);
  }

  /** The suspension under {@code handle}. */
  Optional<SuspendedExecution> load(SuspensionHandle handle);

  /** Deletes it; returns whether it existed. */
  boolean delete(SuspensionHandle handle);

  /** Summaries of the suspensions matching {@code filter}, oldest first. */
  List<SuspensionSummary> list(SuspensionFilter filter);

  /**
   * Tries to take the exclusive right to resume {@code handle} for {@code lease}. Empty when
   * another live claim exists. The default is exclusive within this JVM only; stores shared between
   * processes must override it (row lock, conditional update, {@code SET NX PX}).
   */
  default Optional<ResumeClaim> claim(SuspensionHandle handle, Duration lease) {
    return LocalClaims.claim(this, handle, lease);
  }

  /** Gives a claim back early; a no-op when it expired or was already released. */
  default void release(ResumeClaim claim) {
    LocalClaims.release(this, claim);
  }

  /**
   * Extends a still-live claim to {@code now + lease} (by the store's time), keeping its token.
   *
   * <p>Empty when the claim is lost: its lease expired (whether or not another caller has claimed
   * the handle since), it was released, or the suspension was deleted. A lost claim is never
   * revived.
   *
   * <p><b>Default:</b> renews a claim taken by the default {@link #claim} in the in-process table
   * (empty when the suspension no longer {@link #load loads}). A store that overrides {@code claim}
   * but not {@code renew} cannot be asked, so the default then trusts the claim and returns it with
   * the new expiry <em>without</em> extending anything in the store: such stores must override
   * {@code renew} for a resume to keep its claim beyond one lease.
   *
   * <p>Thread-safety and blocking as for the other methods; may block on one round-trip.
   *
   * @return the renewed claim (same handle and token, new {@code expiresAt})
   * @throws IllegalArgumentException when {@code lease} is not positive
   * @throws StoreException on I/O failure (the claim is unchanged; the caller may retry)
   */
  default Optional<ResumeClaim> renew(ResumeClaim claim, Duration lease) {
    Objects.requireNonNull(claim, "claim");
    requirePositive(lease);
    return LocalClaims.renew(this, claim, lease);
  }

  /**
   * Replaces the suspension under {@code handle} like {@link #replace(SuspensionHandle,
   * SuspendedExecution)}, but only while {@code claim} is the live claim on it (a fenced write);
   * the claim stays held.
   *
   * <p><b>Default:</b> checks the claim in the in-process claim table and then delegates to {@link
   * #replace(SuspensionHandle, SuspendedExecution)}; the check and the write are not atomic, and a
   * store that overrides {@code claim} but not this method is not checked at all. Stores shared
   * between processes must override it with one atomic conditional write.
   *
   * @throws ClaimLostException when {@code claim} is not the live claim on {@code handle}; nothing
   *     was written
   * @throws IllegalArgumentException when {@code claim} is on another handle
   * @throws StoreException on I/O failure (nothing was written)
   */
  default SuspensionHandle replace(
      SuspensionHandle handle, SuspendedExecution execution, ResumeClaim claim) {
    Objects.requireNonNull(handle, "handle");
    Objects.requireNonNull(execution, "execution");
    Objects.requireNonNull(claim, "claim");
    return LocalClaims.replace(this, handle, execution, claim);
  }

  /**
   * Deletes the suspension under {@code handle} (and the claim with it) like {@link
   * #delete(SuspensionHandle)}, but only while {@code claim} is the live claim on it (a fenced
   * delete).
   *
   * <p><b>Default:</b> checks the claim in the in-process claim table, then delegates to {@link
   * #delete(SuspensionHandle)} and releases the claim; not atomic, and a store that overrides
   * {@code claim} but not this method is not checked at all. Stores shared between processes must
   * override it with one atomic conditional delete.
   *
   * @return whether the suspension existed
   * @throws ClaimLostException when {@code claim} is not the live claim on {@code handle}; nothing
   *     was deleted
   * @throws IllegalArgumentException when {@code claim} is on another handle
   * @throws StoreException on I/O failure (nothing was deleted)
   */
  default boolean delete(SuspensionHandle handle, ResumeClaim claim) {
    Objects.requireNonNull(handle, "handle");
    Objects.requireNonNull(claim, "claim");
    return LocalClaims.delete(this, handle, claim);
  }

  private static void requirePositive(Duration lease) {
    Objects.requireNonNull(lease, "lease");
    if (lease.isZero() || lease.isNegative()) {
      throw new IllegalArgumentException("lease must be > 0, was " + lease);
    }
  }
}
