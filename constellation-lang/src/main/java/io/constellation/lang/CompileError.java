package io.constellation.lang;

import static java.util.Objects.requireNonNull;

/**
 * One compile error: where it is, what is wrong, and the source line with a caret under the column.
 *
 * @param file the name the source was compiled under
 * @param line 1-based line
 * @param column 1-based column (UTF-16 units)
 * @param message one-line message
 * @param sourceLine the line's text (a window of it when the line is very long)
 * @param caretLine spaces (tabs kept) and a {@code ^} under the column
 */
public record CompileError(
    String file, int line, int column, String message, String sourceLine, String caretLine) {
  public CompileError {
    requireNonNull(file, "file");
    requireNonNull(message, "message");
    requireNonNull(sourceLine, "sourceLine");
    requireNonNull(caretLine, "caretLine");
  }

  /** {@code file:line:col: message}, then the source line and the caret line, indented. */
  public String format() {
    return file
        + ":"
        + line
        + ":"
        + column
        + ": "
        + message
        + "\n  "
        + sourceLine
        + "\n  "
        + caretLine;
  }

  @Override
  public String toString() {
    return file + ":" + line + ":" + column + ": " + message;
  }
}
