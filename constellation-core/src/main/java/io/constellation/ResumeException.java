package io.constellation;

/** A resume request was rejected; subclasses say why and name the offending input or node. */
public class ResumeException extends ConstellationException {
  private static final long serialVersionUID = 1L;

  public ResumeException(String message) {
    super(message);
  }

  public ResumeException(String message, Throwable cause) {
    super(message, cause);
  }
}
