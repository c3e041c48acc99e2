package io.constellation.server.http;

import io.constellation.ConstellationException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Thrown by request handlers to answer with a specific {@link ApiError}. Never carries a stack
 * trace to the client.
 */
public final class ApiException extends ConstellationException {
  private static final long serialVersionUID = 1L;
  private final transient ApiError error;
  private final transient Optional<Duration> retryAfter;

  public ApiException(int status, String code, String message, List<String> details) {
    this(new ApiError(status, code, message, details), Optional.empty());
  }

  public ApiException(ApiError error, Optional<Duration> retryAfter) {
    super(error.message());
    this.error = error;
    this.retryAfter = retryAfter;
  }

  public static ApiException badRequest(String message, List<String> details) {
    return new ApiException(400, "bad_request", message, details);
  }

  public static ApiException badRequest(String message) {
    return badRequest(message, List.of());
  }

  public static ApiException notFound(String message) {
    return new ApiException(404, "not_found", message, List.of());
  }

  public ApiError error() {
    return error;
  }

  /** For 429: how long the client should wait. */
  public Optional<Duration> retryAfter() {
    return retryAfter;
  }
}
