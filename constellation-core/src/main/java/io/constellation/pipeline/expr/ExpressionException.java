package io.constellation.pipeline.expr;

import io.constellation.ConstellationException;

/**
 * A built-in expression failed at run time (division by zero, integer overflow, a missing
 * variable). The message says what happened, in the language's terms.
 */
public class ExpressionException extends ConstellationException {
  private static final long serialVersionUID = 1L;

  public ExpressionException(String message) {
    super(message);
  }
}
