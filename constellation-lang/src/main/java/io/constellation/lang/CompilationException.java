package io.constellation.lang;

import io.constellation.ConstellationException;
import java.util.List;

/** Source did not compile; the message holds every error, formatted with its source line. */
public class CompilationException extends ConstellationException {
  private static final long serialVersionUID = 1L;
  private final transient List<CompileError> errors;

  public CompilationException(String name, List<CompileError> errors) {
    super(message(name, errors));
    this.errors = List.copyOf(errors);
  }

  /** Every error, in source order. */
  public List<CompileError> errors() {
    return errors;
  }

  private static String message(String name, List<CompileError> errors) {
    StringBuilder sb = new StringBuilder();
    sb.append(name)
        .append(": ")
        .append(errors.size())
        .append(" error")
        .append(errors.size() == 1 ? "" : "s");
    for (CompileError e : errors) {
      sb.append('\n').append(e.format());
    }
    return sb.toString();
  }
}
