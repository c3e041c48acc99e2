package io.constellation;

/** A module's implementation failed (after its options were applied). */
public class ModuleExecutionException extends ConstellationException {
  private static final long serialVersionUID = 1L;

  public ModuleExecutionException(String message) {
    super(message);
  }

  public ModuleExecutionException(String message, Throwable cause) {
    super(message, cause);
  }
}
