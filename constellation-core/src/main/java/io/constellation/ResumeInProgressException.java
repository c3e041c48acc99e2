package io.constellation;

/** Another resume of the same suspension is running (on this node or another sharing the store). */
public class ResumeInProgressException extends ResumeException {
  private static final long serialVersionUID = 1L;

  public ResumeInProgressException(String message) {
    super(message);
  }

  public ResumeInProgressException(String message, Throwable cause) {
    super(message, cause);
  }
}
