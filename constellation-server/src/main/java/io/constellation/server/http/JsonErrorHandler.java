package io.constellation.server.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own errors (requests rejected before they reach a route: ambiguous paths, bad headers) in
 * the API's JSON error shape instead of an HTML page, and never with a stack trace.
 */
final class JsonErrorHandler extends ErrorHandler {
  JsonErrorHandler() {
    setShowStacks(false);
    setShowCauses(false);
  }

  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put(
        "error",
        code == 404
            ? "not_found"
            : code == 413 ? "payload_too_large" : code >= 500 ? "internal" : "bad_request");
    String reason = HttpStatus.getMessage(code);
    o.put("message", (reason == null ? "error " + code : reason) + " (rejected by the HTTP layer)");
    o.putArray("details");
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.write(true, ByteBuffer.wrap(o.toString().getBytes(StandardCharsets.UTF_8)), callback);
  }
}
