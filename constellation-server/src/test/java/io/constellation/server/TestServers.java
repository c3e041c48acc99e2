package io.constellation.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.constellation.Constellation;
import io.constellation.module.Module;
import io.constellation.server.config.ServerConfig;
import io.constellation.type.CType;
import io.constellation.type.CValue;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** Real servers on a free loopback port for tests, and a small HTTP client. */
public final class TestServers {
  public static final ObjectMapper JSON = new ObjectMapper();

  /** A two-step pipeline: upper = Uppercase(text); joined = Join(upper, suffix). */
  public static final String TWO_STEP =
      """
      # uppercase the text, then append a suffix
      in text: String
      in suffix: String
      upper = Uppercase(text)
      joined = Join(upper, suffix)
      out upper
      out joined
      """;

  private TestServers() {}

  /** Registers the test modules: Uppercase(text) and Join(a, b), plus Slow(ms). */
  public static void modules(Constellation engine) {
    engine.setModule(
        Module.builder("Uppercase")
            .description("Upper-cases text")
            .input("text", CType.STRING)
            .output("result", CType.STRING)
            .implementation(in -> Map.of("result", CValue.of(in.getString("text").toUpperCase())))
            .build());
    engine.setModule(
        Module.builder("Join")
            .description("Joins two strings with a space")
            .input("a", CType.STRING)
            .input("b", CType.STRING)
            .output("result", CType.STRING)
            .implementation(
                in -> Map.of("result", CValue.of(in.getString("a") + " " + in.getString("b"))))
            .build());
    engine.setModule(
        Module.builder("Slow")
            .description("Sleeps ms milliseconds and returns ms")
            .input("ms", CType.INT)
            .output("result", CType.INT)
            .timeout(Duration.ofSeconds(20))
            .implementation(
                in -> {
                  long ms = in.getLong("ms");
                  try {
                    Thread.sleep(ms);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted");
                  }
                  return Map.of("result", CValue.of(ms));
                })
            .build());
  }

  /** Embedded default config on a free port under {@code dir}, rate limiting off. */
  public static ServerConfig config(Path dir) {
    return ServerConfig.defaults(dir.resolve("data")).withPort(0).withRateLimit("off");
  }

  public static ServerRuntime start(ServerConfig config) {
    return ServerRuntime.start(config, TestServers::modules);
  }

  /** A response: status, headers, body text, and the body as JSON (null when not JSON). */
  public record Response(int status, HttpResponse<String> raw, JsonNode json) {
    public String body() {
      return raw.body();
    }

    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }
  }

  /** An HTTP client for one server. */
  public static final class Client {
    private final String base;
    private final HttpClient http =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String key;

    public Client(ServerRuntime server) {
      this.base = "http://127.0.0.1:" + server.port();
    }

    public Client(int port) {
      this.base = "http://127.0.0.1:" + port;
    }

    public Client withKey(String key) {
      Client c = new Client(Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)));
      c.key = key;
      return c;
    }

    public String base() {
      return base;
    }

    public Response get(String path) {
      return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    public Response delete(String path) {
      return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
    }

    public Response post(String path, String body) {
      return send(
          HttpRequest.newBuilder(URI.create(base + path))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Response put(String path, String body) {
      return send(
          HttpRequest.newBuilder(URI.create(base + path))
              .header("Content-Type", "application/json")
              .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Response send(HttpRequest.Builder b) {
      if (key != null) {
        b.header("Authorization", "Bearer " + key);
      }
      try {
        HttpResponse<String> r =
            http.send(
                b.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = null;
        String ct = r.headers().firstValue("Content-Type").orElse("");
        if (ct.startsWith("application/json")) {
          json = JSON.readTree(r.body());
        }
        return new Response(r.statusCode(), r, json);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    /** POST /compile of {@code source} as {@code name}; asserts 200. */
    public JsonNode compile(String name, String source) {
      Response r = post("/compile", json(Map.of("name", name, "source", source)));
      if (r.status() != 200) {
        throw new AssertionError("compile failed: " + r.status() + " " + r.body());
      }
      return r.json();
    }
  }

  public static String json(Object o) {
    try {
      return JSON.writeValueAsString(o);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
