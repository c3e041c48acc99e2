package io.constellation;

/** A resume supplied an input name that the pipeline does not declare. */
public class UnknownInputException extends ResumeException {
  private static final long serialVersionUID = 1L;

  public UnknownInputException(String message) {
    super(message);
  }

  public UnknownInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
