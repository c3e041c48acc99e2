package io.constellation;

import static java.util.Objects.requireNonNull;

import io.constellation.execution.DataSignature;
import io.constellation.suspension.ResumeClaim;
import io.constellation.suspension.SuspensionHandle;
import java.util.Optional;

/**
 * A write fenced by a {@link ResumeClaim} was refused because the claim is no longer the live claim
 * on its suspension: its lease expired (and possibly another resumer took the suspension over), it
 * was released, or the suspension was deleted. Nothing was written.
 *
 * <p>Thrown by the fenced {@link SuspensionStore#replace(SuspensionHandle,
 * io.constellation.suspension.SuspendedExecution, ResumeClaim)} and {@link
 * SuspensionStore#delete(SuspensionHandle, ResumeClaim)} (then {@link #result()} is empty), and by
 * {@code Constellation.resume(handle, ...)} when the resume lost its claim before its final write
 * (then {@link #result()} holds the run's in-memory result, so nothing computed is lost, and the
 * store's exception is the cause). The stored suspension is left as the claim's new holder, if any,
 * wrote it.
 */
public class ClaimLostException extends StoreException {
  private static final long serialVersionUID = 1L;
  private final SuspensionHandle handle;
  private final transient DataSignature result;

  /** A store refused a write under a lost claim on {@code handle}; the message says so. */
  public ClaimLostException(SuspensionHandle handle) {
    this(
        handle,
        "the claim on suspension '"
            + requireNonNull(handle, "handle")
            + "' is no longer live (its lease expired, it was released or taken over, or the"
            + " suspension is gone); nothing was written");
  }

  /** A store refused a write under a lost claim on {@code handle}. */
  public ClaimLostException(SuspensionHandle handle, String message) {
    super(message);
    this.handle = requireNonNull(handle, "handle");
    this.result = null;
  }

  /**
   * A resume of {@code handle} ended with {@code result} but lost its claim before writing it;
   * {@code cause} is the store's refusal (or the failed renewal).
   */
  public ClaimLostException(
      SuspensionHandle handle, String message, DataSignature result, Throwable cause) {
    super(message, cause);
    this.handle = requireNonNull(handle, "handle");
    this.result = requireNonNull(result, "result");
  }

  /** The suspension whose claim was lost. */
  public SuspensionHandle handle() {
    return handle;
  }

  /**
   * The resume's in-memory result (status {@code COMPLETED} or {@code SUSPENDED}, with the snapshot
   * in {@link DataSignature#suspendedState()}) when thrown by the engine; empty when thrown by a
   * store.
   */
  public Optional<DataSignature> result() {
    return Optional.ofNullable(result);
  }
}
