package io.constellation;

/** JSON could not be read or written; the message names the JSON path of the problem. */
public class CodecException extends ConstellationException {
  private static final long serialVersionUID = 1L;

  public CodecException(String message) {
    super(message);
  }

  public CodecException(String message, Throwable cause) {
    super(message, cause);
  }
}
