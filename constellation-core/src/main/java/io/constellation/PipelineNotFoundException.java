package io.constellation;

/** A pipeline reference (alias or {@code sha256:<hex>}) does not resolve. */
public class PipelineNotFoundException extends ConstellationException {
  private static final long serialVersionUID = 1L;

  public PipelineNotFoundException(String message) {
    super(message);
  }

  public PipelineNotFoundException(String message, Throwable cause) {
    super(message, cause);
  }
}
