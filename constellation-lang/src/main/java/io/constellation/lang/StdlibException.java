package io.constellation.lang;

import io.constellation.ConstellationException;

/** A stdlib module was called with values it cannot handle (division by zero, bad number text). */
public class StdlibException extends ConstellationException {
  private static final long serialVersionUID = 1L;

  public StdlibException(String message) {
    super(message);
  }
}
