package io.constellation.lang;

import io.constellation.lang.Token.Interp;
import io.constellation.lang.Token.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Turns source text into tokens. Linear time; collects errors and keeps going. */
final class Lexer {
  private static final String[] SYMBOLS = {
    "->", "==", "!=", "<=", ">=", "??", "=", "<", ">", "+", "-", "*", "/", "%", "(", ")", "{", "}",
    "[", "]", ",", ":", ".", "|", "@"
  };
  static final int MAX_STRING_NESTING = 64;

  private final Source src;
  private final String s;
  private final int end;
  private final List<CompileError> errors;
  private int pos;
  private boolean lineStart = true;

  Lexer(Source src, int start, int end, List<CompileError> errors, boolean lineStart) {
    this.src = src;
    this.s = src.text;
    this.pos = start;
    this.end = end;
    this.errors = errors;
    this.lineStart = lineStart;
  }

  List<Token> tokens() {
    List<Token> out = new ArrayList<>();
    while (true) {
      skipSpace();
      if (pos >= end) {
        out.add(new Token(Kind.EOF, "", end, end, true, null));
        return out;
      }
      Token t = next();
      if (t != null) {
        out.add(t);
        lineStart = false;
      }
    }
  }

  private void skipSpace() {
    while (pos < end) {
      char c = s.charAt(pos);
      if (c == '\n') {
        lineStart = true;
        pos++;
      } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\uFEFF') {
        pos++;
      } else if (c == '#') {
        while (pos < end && s.charAt(pos) != '\n') {
          pos++;
        }
      } else {
        return;
      }
    }
  }

  private Token next() {
    int start = pos;
    char c = s.charAt(pos);
    if (Character.isLetter(c) || c == '_') {
      while (pos < end && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
        pos++;
      }
      return new Token(Kind.IDENT, s.substring(start, pos), start, pos, lineStart, null);
    }
    if (c >= '0' && c <= '9') {
      return number(start);
    }
    if (c == '"') {
      List<Object> parts = new ArrayList<>();
      string(parts, 0); // an unterminated literal is reported and still ends the expression
      return new Token(Kind.STRING, s.substring(start, pos), start, pos, lineStart, parts);
    }
    for (String sym : SYMBOLS) {
      if (s.startsWith(sym, pos) && pos + sym.length() <= end) {
        pos += sym.length();
        return new Token(Kind.SYMBOL, sym, start, pos, lineStart, null);
      }
    }
    int cp = s.codePointAt(pos);
    pos += Character.charCount(cp);
    errors.add(
        src.error(start, "unexpected character '" + new String(Character.toChars(cp)) + "'"));
    return null;
  }

  private Token number(int start) {
    while (pos < end && Character.isDigit(s.charAt(pos))) {
      pos++;
    }
    boolean isFloat = false;
    if (pos + 1 < end && s.charAt(pos) == '.' && Character.isDigit(s.charAt(pos + 1))) {
      isFloat = true;
      pos++;
      while (pos < end && Character.isDigit(s.charAt(pos))) {
        pos++;
      }
    }
    int numEnd = pos;
    String digits = s.substring(start, numEnd);
    if (pos < end && Character.isLetter(s.charAt(pos))) {
      int unitStart = pos;
      while (pos < end && Character.isLetter(s.charAt(pos))) {
        pos++;
      }
      String unit = s.substring(unitStart, pos);
      if (isFloat) {
        errors.add(
            src.error(
                start, "durations need a whole number, not '" + s.substring(start, pos) + "'"));
        return new Token(Kind.DURATION, s.substring(start, pos), start, pos, lineStart, null);
      }
      Duration d = duration(digits, unit, start, unitStart);
      return new Token(Kind.DURATION, s.substring(start, pos), start, pos, lineStart, d);
    }
    if (isFloat) {
      return new Token(Kind.FLOAT, digits, start, pos, lineStart, Double.parseDouble(digits));
    }
    long value;
    try {
      value = Long.parseLong(digits);
    } catch (NumberFormatException e) {
      errors.add(
          src.error(
              start,
              "integer literal "
                  + abbreviate(digits)
                  + " is too large for Int (max "
                  + Long.MAX_VALUE
                  + ")"));
      value = 0;
    }
    return new Token(Kind.INT, digits, start, pos, lineStart, value);
  }

  private Duration duration(String digits, String unit, int start, int unitStart) {
    long n;
    try {
      n = Long.parseLong(digits);
    } catch (NumberFormatException e) {
      errors.add(src.error(start, "duration " + abbreviate(digits) + unit + " is too large"));
      return null;
    }
    try {
      return switch (unit) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "min" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        case "d" -> Duration.ofDays(n);
        default -> {
          errors.add(
              src.error(
                  unitStart, "unknown duration unit '" + unit + "' (use ms, s, min, h or d)"));
          yield null;
        }
      };
    } catch (ArithmeticException e) {
      errors.add(src.error(start, "duration " + digits + unit + " is too large"));
      return null;
    }
  }

  private static String abbreviate(String digits) {
    return digits.length() > 30 ? digits.substring(0, 30) + "..." : digits;
  }

  /**
   * Reads a string literal starting at the opening quote into {@code parts}; returns false after
   * reporting an error (the position is then past the bad literal).
   */
  private boolean string(List<Object> parts, int nesting) {
    int open = pos;
    if (nesting > MAX_STRING_NESTING) {
      errors.add(
          src.error(
              open,
              "string interpolation nested too deeply (more than "
                  + MAX_STRING_NESTING
                  + " levels)"));
      skipLine();
      return false;
    }
    pos++;
    StringBuilder text = new StringBuilder();
    while (true) {
      if (pos >= end || s.charAt(pos) == '\n') {
        errors.add(src.error(open, "unterminated string literal"));
        return false;
      }
      char c = s.charAt(pos);
      if (c == '"') {
        pos++;
        if (!text.isEmpty() || parts.isEmpty()) {
          parts.add(text.toString());
        }
        return true;
      }
      if (c == '\\') {
        if (pos + 1 >= end) {
          errors.add(src.error(open, "unterminated string literal"));
          return false;
        }
        char e = s.charAt(pos + 1);
        switch (e) {
          case 'n' -> text.append('\n');
          case 't' -> text.append('\t');
          case 'r' -> text.append('\r');
          case '"' -> text.append('"');
          case '\\' -> text.append('\\');
          case '$' -> text.append('$');
          case 'u' -> {
            if (pos + 6 <= end && s.substring(pos + 2, pos + 6).matches("[0-9a-fA-F]{4}")) {
              text.append((char) Integer.parseInt(s.substring(pos + 2, pos + 6), 16));
              pos += 4;
            } else {
              errors.add(src.error(pos, "invalid unicode escape (use \\uXXXX)"));
            }
          }
          default -> errors.add(src.error(pos, "unknown escape '\\" + e + "' in string literal"));
        }
        pos += 2;
        continue;
      }
      if (c == '$' && pos + 1 < end && s.charAt(pos + 1) == '{') {
        if (!text.isEmpty()) {
          parts.add(text.toString());
          text.setLength(0);
        }
        int exprStart = pos + 2;
        pos = exprStart;
        int depth = 0;
        while (true) {
          if (pos >= end || s.charAt(pos) == '\n') {
            errors.add(src.error(open + 0, "unterminated ${ in string literal"));
            return false;
          }
          char d = s.charAt(pos);
          if (d == '"') {
            if (!string(new ArrayList<>(), nesting + 1)) {
              return false;
            }
            continue;
          }
          if (d == '{') {
            depth++;
          } else if (d == '}') {
            if (depth == 0) {
              break;
            }
            depth--;
          }
          pos++;
        }
        if (pos == exprStart) {
          errors.add(src.error(exprStart - 2, "empty ${} in string literal"));
        } else {
          parts.add(new Interp(exprStart, pos));
        }
        pos++;
        continue;
      }
      text.append(c);
      pos++;
    }
  }

  private void skipLine() {
    while (pos < end && s.charAt(pos) != '\n') {
      pos++;
    }
  }
}
