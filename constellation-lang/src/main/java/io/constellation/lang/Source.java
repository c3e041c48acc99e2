package io.constellation.lang;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A source file: its text, its name and line positions, for error messages. Immutable. */
final class Source {
  /** The largest source accepted, in UTF-8 bytes. */
  static final int MAX_BYTES = 4 * 1024 * 1024;

  private static final int MAX_SHOWN = 160;

  final String name;
  final String text;
  private final int[] lineStarts;

  Source(String name, String text) {
    this.name = name;
    this.text = text;
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        starts.add(i + 1);
      }
    }
    lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
  }

  /** 1-based line of {@code offset}. */
  int line(int offset) {
    int lo = 0;
    int hi = lineStarts.length - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (lineStarts[mid] <= offset) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo + 1;
  }

  /** 1-based column of {@code offset}. */
  int column(int offset) {
    return offset - lineStarts[line(offset) - 1] + 1;
  }

  /** The text of 1-based line {@code line}, without its line break. */
  String lineText(int line) {
    if (line < 1 || line > lineStarts.length) {
      return "";
    }
    int start = lineStarts[line - 1];
    int end = line < lineStarts.length ? lineStarts[line] - 1 : text.length();
    if (end > start && text.charAt(end - 1) == '\r') {
      end--;
    }
    return text.substring(start, Math.max(start, end));
  }

  /** An error at {@code offset}. */
  CompileError error(int offset, String message) {
    offset = Math.max(0, Math.min(offset, text.length()));
    int line = line(offset);
    int column = column(offset);
    return errorAt(name, line, column, lineText(line), message);
  }

  /** An error at a line and column of {@code lineText}; long lines are shown around the column. */
  static CompileError errorAt(String name, int line, int column, String lineText, String message) {
    int from = 0;
    String shown = lineText;
    if (shown.length() > MAX_SHOWN) {
      from = Math.max(0, Math.min(column - 1 - MAX_SHOWN / 2, shown.length() - MAX_SHOWN));
      shown = shown.substring(from, Math.min(shown.length(), from + MAX_SHOWN));
    }
    StringBuilder caret = new StringBuilder();
    for (int i = 0; i < column - 1 - from && i < shown.length(); i++) {
      caret.append(shown.charAt(i) == '\t' ? '\t' : ' ');
    }
    caret.append('^');
    return new CompileError(name, line, column, message, shown, caret.toString());
  }

  /**
   * Decodes UTF-8 strictly. Returns the text, or an error at the line and column of the first
   * malformed byte.
   */
  static Result decode(String name, byte[] bytes) {
    if (bytes.length > MAX_BYTES) {
      return new Result(null, Optional.of(tooLarge(name)));
    }
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    CoderResult r = decoder.decode(in, out, true);
    if (!r.isError()) {
      r = decoder.flush(out);
    }
    if (r.isError()) {
      int bad = in.position();
      String before;
      try {
        before =
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, 0, bad)).toString();
      } catch (CharacterCodingException e) {
        before = "";
      }
      Source partial = new Source(name, before);
      int line = partial.line(before.length());
      int column = partial.column(before.length());
      String message =
          String.format(
              "invalid UTF-8: byte 0x%02X at byte offset %d is not valid UTF-8",
              bytes[bad] & 0xFF, bad);
      return new Result(
          null, Optional.of(errorAt(name, line, column, partial.lineText(line), message)));
    }
    out.flip();
    return new Result(out.toString(), Optional.empty());
  }

  static CompileError tooLarge(String name) {
    return new CompileError(
        name, 1, 1, "source is larger than 4 MiB (" + MAX_BYTES + " bytes)", "", "^");
  }

  record Result(String text, Optional<CompileError> error) {}
}
