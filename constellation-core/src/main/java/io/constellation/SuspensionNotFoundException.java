package io.constellation;

/** No suspension is stored under the given handle. */
public class SuspensionNotFoundException extends ResumeException {
  private static final long serialVersionUID = 1L;

  public SuspensionNotFoundException(String message) {
    super(message);
  }

  public SuspensionNotFoundException(String message, Throwable cause) {
    super(message, cause);
  }
}
