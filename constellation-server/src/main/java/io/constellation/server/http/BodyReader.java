package io.constellation.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Reads request bodies with a size limit. The declared {@code Content-Length} is checked before
 * anything is read; a body without one (chunked) is read up to the limit and rejected as soon as it
 * exceeds it, so an oversized body is never buffered whole.
 *
 * <p>Thread-safety: immutable.
 */
public final class BodyReader {
  private final long limit;
  private final ObjectMapper mapper;

  public BodyReader(long limit, ObjectMapper mapper) {
    if (limit <= 0) {
      throw new IllegalArgumentException("body limit must be > 0");
    }
    this.limit = limit;
    this.mapper = mapper;
  }

  public long limit() {
    return limit;
  }

  /** Throws 413 when the declared length exceeds the limit (called before routing). */
  public void checkDeclaredLength(Context ctx) {
    long declared = ctx.req().getContentLengthLong();
    if (declared > limit) {
      throw tooLarge();
    }
  }

  /** The body bytes, at most {@code limit}. */
  public byte[] bytes(Context ctx) {
    checkDeclaredLength(ctx);
    try (InputStream in = ctx.req().getInputStream()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[16384];
      long total = 0;
      int n;
      while ((n = in.read(buf)) > 0) {
        total += n;
        if (total > limit) {
          throw tooLarge();
        }
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw ApiException.badRequest("could not read the request body: " + e.getMessage());
    }
  }

  /** The body as a JSON object; 400 naming the line and column when it is not one. */
  public ObjectNode jsonObject(Context ctx) {
    byte[] body = bytes(ctx);
    if (body.length == 0) {
      throw ApiException.badRequest("request body is empty; expected a JSON object");
    }
    JsonNode node;
    try {
      node = mapper.readTree(body);
    } catch (JsonProcessingException e) {
      var loc = e.getLocation();
      String where =
          loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
      throw ApiException.badRequest(
          "malformed JSON" + where, List.of(ApiError.oneLine(e.getOriginalMessage())));
    } catch (IOException e) {
      throw ApiException.badRequest("could not read the request body: " + e.getMessage());
    }
    if (node == null || !node.isObject()) {
      throw ApiException.badRequest(
          "expected a JSON object but the body is " + (node == null ? "empty" : kind(node)));
    }
    return (ObjectNode) node;
  }

  static String kind(JsonNode n) {
    return switch (n.getNodeType()) {
      case ARRAY -> "an array";
      case BOOLEAN -> "a boolean";
      case NUMBER -> "a number";
      case STRING -> "a string";
      case NULL, MISSING -> "null";
      default -> "an object";
    };
  }

  private ApiException tooLarge() {
    return new ApiException(
        413,
        "payload_too_large",
        "request body is larger than the limit of " + limit + " bytes",
        List.of());
  }
}
