package io.constellation.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.constellation.ConstellationException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A small JSON client for the CLI's server commands. Error responses become a {@link
 * ConstellationException} with the server's one-line message (and its details, one per line).
 */
final class ServerClient {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final String base;
  private final String apiKey;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  ServerClient(String base, String apiKey) {
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.apiKey = apiKey;
  }

  /**
   * From {@code --server}/{@code --api-key}, else {@code CONSTELLATION_SERVER}/{@code
   * CONSTELLATION_API_KEY}.
   */
  static ServerClient of(String server, String apiKey) {
    String s =
        server != null
            ? server
            : System.getenv().getOrDefault("CONSTELLATION_SERVER", "http://localhost:8080");
    String k = apiKey != null ? apiKey : System.getenv("CONSTELLATION_API_KEY");
    return new ServerClient(s, k);
  }

  JsonNode get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  JsonNode post(String path, JsonNode body) {
    try {
      return send(
          HttpRequest.newBuilder(uri(path))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(MAPPER.writeValueAsString(body))));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private URI uri(String path) {
    try {
      return URI.create(base + path);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--server " + base + ": not a valid URL");
    }
  }

  private JsonNode send(HttpRequest.Builder req) {
    if (apiKey != null && !apiKey.isBlank()) {
      req.header("Authorization", "Bearer " + apiKey);
    }
    req.timeout(Duration.ofMinutes(5));
    HttpResponse<String> res;
    try {
      res = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new ConstellationException(
          "cannot reach the server at "
              + base
              + " ("
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage())
              + "); is 'constellation serve' running?");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConstellationException("interrupted");
    }
    JsonNode body;
    try {
      body = res.body().isEmpty() ? MAPPER.nullNode() : MAPPER.readTree(res.body());
    } catch (IOException e) {
      throw new ConstellationException(
          "server answered " + res.statusCode() + " with a body that is not JSON");
    }
    if (res.statusCode() >= 400) {
      StringBuilder sb = new StringBuilder(body.path("message").asText("HTTP " + res.statusCode()));
      sb.append(" (HTTP ").append(res.statusCode()).append(')');
      for (JsonNode d : body.path("details")) {
        sb.append("\n  ").append(d.asText());
      }
      throw new ServerError(sb.toString());
    }
    return body;
  }

  /** An error response; the message may span lines (details). */
  static final class ServerError extends ConstellationException {
    private static final long serialVersionUID = 1L;

    ServerError(String message) {
      super(message);
    }
  }
}
