package io.constellation;

/** A resolved node given to resume is unknown, has the wrong type, or was already computed. */
public class InvalidResolvedNodeException extends ResumeException {
  private static final long serialVersionUID = 1L;

  public InvalidResolvedNodeException(String message) {
    super(message);
  }

  public InvalidResolvedNodeException(String message, Throwable cause) {
    super(message, cause);
  }
}
