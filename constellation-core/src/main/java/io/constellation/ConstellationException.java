package io.constellation;

/**
 * The root of every exception the engine throws. Unchecked; subclasses say what went wrong.
 * Adapters translate driver exceptions into a subclass and keep the driver's exception as the
 * cause.
 */
public class ConstellationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConstellationException(String message) {
    super(message);
  }

  public ConstellationException(String message, Throwable cause) {
    super(message, cause);
  }
}
