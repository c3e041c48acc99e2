package io.constellation;

/** A resume supplied a different value for an input that was already provided. */
public class InputConflictException extends ResumeException {
  private static final long serialVersionUID = 1L;

  public InputConflictException(String message) {
    super(message);
  }

  public InputConflictException(String message, Throwable cause) {
    super(message, cause);
  }
}
