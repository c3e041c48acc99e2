package io.constellation.lang;

import java.util.List;

/**
 * A token. {@code start}/{@code end} are offsets in the source; {@code lineStart} tells whether it
 * is the first token on its line. {@code value} holds the decoded literal: a Long, Double,
 * java.time.Duration, or for strings a list of parts (String text or {@link Interp} ranges).
 */
record Token(Kind kind, String text, int start, int end, boolean lineStart, Object value) {
  enum Kind {
    IDENT,
    INT,
    FLOAT,
    DURATION,
    STRING,
    SYMBOL,
    EOF
  }

  /** An interpolated expression: source offsets of the text between {@code ${} and {@code }}. */
  record Interp(int start, int end) {}

  boolean is(String symbolOrIdent) {
    return (kind == Kind.SYMBOL || kind == Kind.IDENT) && text.equals(symbolOrIdent);
  }

  @SuppressWarnings("unchecked")
  List<Object> parts() {
    return (List<Object>) value;
  }

  String describe() {
    return switch (kind) {
      case EOF -> "end of file";
      case STRING -> "a string";
      case INT, FLOAT, DURATION -> "'" + text + "'";
      default -> "'" + text + "'";
    };
  }
}
