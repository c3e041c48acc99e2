package io.constellation;

/** The engine is shutting down and takes no new runs. */
public class ShutdownRejectedException extends ConstellationException {
  private static final long serialVersionUID = 1L;

  public ShutdownRejectedException(String message) {
    super(message);
  }

  public ShutdownRejectedException(String message, Throwable cause) {
    super(message, cause);
  }
}
