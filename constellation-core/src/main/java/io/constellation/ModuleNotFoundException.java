package io.constellation;

/** A module name is not registered. */
public class ModuleNotFoundException extends ConstellationException {
  private static final long serialVersionUID = 1L;

  public ModuleNotFoundException(String message) {
    super(message);
  }

  public ModuleNotFoundException(String message, Throwable cause) {
    super(message, cause);
  }
}
