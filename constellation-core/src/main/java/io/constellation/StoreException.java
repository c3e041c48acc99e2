package io.constellation;

/**
 * A {@link PipelineStore} or {@link SuspensionStore} call failed (I/O, connection, transaction).
 * The store's state is unchanged by the failed call.
 */
public class StoreException extends ConstellationException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
