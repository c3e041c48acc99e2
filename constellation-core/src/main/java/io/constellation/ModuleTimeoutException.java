package io.constellation;

/** A module call did not finish within its timeout; its thread was interrupted. */
public class ModuleTimeoutException extends ConstellationException {
  private static final long serialVersionUID = 1L;

  public ModuleTimeoutException(String message) {
    super(message);
  }

  public ModuleTimeoutException(String message, Throwable cause) {
    super(message, cause);
  }
}
