package io.constellation;

import io.constellation.suspension.ResumeClaim;
import io.constellation.suspension.SuspendedExecution;
import io.constellation.suspension.SuspensionFilter;
import io.constellation.suspension.SuspensionHandle;
import io.constellation.suspension.SuspensionSummary;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Persists suspended runs so they can be resumed later, possibly on another node.
 *
 * <p><b>Thread-safety:</b> implementations must be safe for concurrent use, and, for shared
 * stores, across processes.
 *
 * <p><b>Blocking:</b> methods may block on I/O; the engine calls them on virtual threads.
 *
 * <p><b>Failure:</b> I/O failures are thrown as {@link StoreException} with the cause kept, and
 * leave the store unchanged.
 *
 * <p><b>Exclusive resume:</b> {@link #claim} grants at most one live claim per handle across
 * everything sharing the store; a claim expires after its lease so a crashed node does not block
 * a suspension forever.
 */
public interface SuspensionStore {

  /** Saves a new suspension and returns its handle. */
  SuspensionHandle save(SuspendedExecution execution);

  /**
   * Replaces the suspension under {@code handle} (a re-suspension after a resume). The default
   * deletes and saves under the same handle semantics of the implementation; stores should
   * override it to do this atomically.
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
   * another live claim exists. The default is exclusive within this JVM only; stores shared
   * between processes must override it (row lock, conditional update, {@code SET NX PX}).
   */
  default Optional<ResumeClaim> claim(SuspensionHandle handle, Duration lease) {
    return LocalClaims.claim(this, handle, lease);
  }

  /** Gives a claim back early; a no-op when it expired or was already released. */
  default void release(ResumeClaim claim) {
    LocalClaims.release(this, claim);
  }
}
