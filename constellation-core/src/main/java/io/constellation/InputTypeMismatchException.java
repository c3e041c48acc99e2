package io.constellation;

/** A resume supplied an input whose value has the wrong type. */
public class InputTypeMismatchException extends ResumeException {
  private static final long serialVersionUID = 1L;

  public InputTypeMismatchException(String message) {
    super(message);
  }

  public InputTypeMismatchException(String message, Throwable cause) {
    super(message, cause);
  }
}
