package io.constellation.server.http;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The body of every error response: {@code {"error": code, "message": one line, "details": [..]}}.
 *
 * @param status HTTP status
 * @param error stable machine-readable code ({@code bad_request}, {@code not_found}, ...)
 * @param message one line for people
 * @param details one entry per problem (field paths, {@code line:col} of compile errors)
 */
public record ApiError(int status, String error, String message, List<String> details) {
  public ApiError {
    requireNonNull(error, "error");
    requireNonNull(message, "message");
    details = List.copyOf(details);
    message = oneLine(message);
  }

  /** The first line of {@code text}, trimmed. */
  static String oneLine(String text) {
    String t = text.strip();
    int nl = t.indexOf('\n');
    return nl < 0 ? t : t.substring(0, nl).strip();
  }
}
