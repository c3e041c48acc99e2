package io.constellation.server.http;

import io.constellation.CodecException;
import io.constellation.ConstellationException;
import io.constellation.InputConflictException;
import io.constellation.InputTypeMismatchException;
import io.constellation.InvalidResolvedNodeException;
import io.constellation.ModuleNotFoundException;
import io.constellation.PipelineNotFoundException;
import io.constellation.ProblemListException;
import io.constellation.ResumeException;
import io.constellation.ResumeInProgressException;
import io.constellation.ShutdownRejectedException;
import io.constellation.StoreException;
import io.constellation.SuspensionNotFoundException;
import io.constellation.UnknownInputException;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps exceptions to {@link ApiError}s. Known engine exceptions become 4xx/503 with their one-line
 * message; anything else becomes a 500 whose message carries only an incident id (the stack trace
 * goes to the server log, never to the client).
 *
 * <p>Thread-safety: stateless.
 */
public final class ErrorMapper {
  private static final Logger log = LoggerFactory.getLogger(ErrorMapper.class);

  private ErrorMapper() {}

  /** The error response for {@code e}. */
  public static ApiError map(Throwable e) {
    if (e instanceof ApiException api) {
      return api.error();
    }
    if (e instanceof ProblemListException p) {
      String what = firstLine(p.getMessage()).replaceAll(":$", "");
      return new ApiError(400, "bad_request", what, p.problems());
    }
    if (e instanceof ResumeInProgressException) {
      return new ApiError(409, "resume_in_progress", e.getMessage(), List.of());
    }
    if (e instanceof io.constellation.ClaimLostException) {
      // another resume took the suspension over while this one ran: it owns the result now
      return new ApiError(409, "resume_claim_lost", firstLine(e.getMessage()), List.of());
    }
    if (e instanceof SuspensionNotFoundException
        || e instanceof PipelineNotFoundException
        || e instanceof ModuleNotFoundException) {
      return new ApiError(404, "not_found", e.getMessage(), List.of());
    }
    if (e instanceof UnknownInputException
        || e instanceof InputTypeMismatchException
        || e instanceof InputConflictException
        || e instanceof InvalidResolvedNodeException
        || e instanceof ResumeException
        || e instanceof CodecException) {
      return new ApiError(400, "bad_request", e.getMessage(), List.of());
    }
    if (e instanceof ShutdownRejectedException) {
      return new ApiError(503, "draining", "the server is shutting down", List.of());
    }
    if (e instanceof StoreException) {
      String id = incident();
      log.error("store failure [{}]", id, e);
      return new ApiError(
          503, "store_unavailable", "storage failed (incident " + id + ")", List.of());
    }
    if (e instanceof IllegalArgumentException && e.getMessage() != null) {
      return new ApiError(400, "bad_request", e.getMessage(), List.of());
    }
    String id = incident();
    log.error("unexpected error [{}]", id, e);
    String what = e instanceof ConstellationException ? "engine error" : "internal error";
    return new ApiError(
        500, "internal", what + " (incident " + id + ", see server log)", List.of());
  }

  private static String incident() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "invalid request";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
