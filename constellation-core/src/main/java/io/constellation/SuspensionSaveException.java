package io.constellation;

import io.constellation.execution.DataSignature;

/**
 * A run suspended but its snapshot could not be saved to the {@link SuspensionStore}. The run's
 * in-memory result, including the snapshot ({@link DataSignature#suspendedState()}), is kept in
 * {@link #result()} so nothing computed is lost.
 */
public class SuspensionSaveException extends StoreException {
  private static final long serialVersionUID = 1L;
  private final transient DataSignature result;

  public SuspensionSaveException(DataSignature result, StoreException cause) {
    super("the run suspended but its snapshot could not be saved: " + cause.getMessage(), cause);
    this.result = result;
  }

  /** The run's result (status {@code SUSPENDED}, no handle, snapshot present). */
  public DataSignature result() {
    return result;
  }
}
