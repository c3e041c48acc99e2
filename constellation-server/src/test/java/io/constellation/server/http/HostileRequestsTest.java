package io.constellation.server.http;

import static io.constellation.server.TestServers.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.constellation.server.ServerRuntime;
import io.constellation.server.TestServers;
import io.constellation.server.TestServers.Client;
import io.constellation.server.TestServers.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile requests get the right 4xx and the server stays healthy (DESIGN §14). */
class HostileRequestsTest {
  @TempDir static Path dir;
  static ServerRuntime server;
  static Client client;

  @BeforeAll
  static void start() {
    server = TestServers.start(TestServers.config(dir).withRateLimit("200/1s"));
    client = new Client(server);
    client.compile("two-step", TestServers.TWO_STEP);
  }

  @AfterAll
  static void stop() {
    server.shutdown();
  }

  void assertHealthy() {
    assertThat(client.get("/health").status()).isEqualTo(200);
    Response ok =
        client.post(
            "/execute",
            json(Map.of("ref", "two-step", "inputs", Map.of("text", "ok", "suffix", "!"))));
    assertThat(ok.json().path("outputs").path("joined").asText()).isEqualTo("OK !");
  }

  @Test
  void malformedJsonVariants() {
    for (String body :
        List.of(
            "{",
            "{\"ref\":",
            "nul",
            "{\"ref\":\"two-step\",}",
            "\u0000\u0001",
            "{\"a\":" + "[".repeat(5000))) {
      Response r = client.post("/execute", body);
      assertThat(r.status()).as(body + " -> " + r.body()).isEqualTo(400);
      assertThat(r.json().path("error").asText()).isEqualTo("bad_request");
    }
    assertHealthy();
  }

  @Test
  void elevenMebibyteBodyIs413() throws Exception {
    byte[] body = new byte[11 * 1024 * 1024];
    java.util.Arrays.fill(body, (byte) ' ');
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(client.base() + "/execute"))
                .header("Content-Type", "application/json")
                .expectContinue(true)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(r.body()).contains("\"payload_too_large\"");
    assertHealthy();
  }

  @Test
  void wrongTypesAndHugeValuesAre400() {
    Response wrong =
        client.post(
            "/execute", "{\"ref\":\"two-step\",\"inputs\":{\"text\":{\"a\":1},\"suffix\":[1]}}");
    assertThat(wrong.status()).isEqualTo(400);
    assertThat(wrong.json().path("details").size()).isEqualTo(2);
    Response num = client.post("/execute", "{\"ref\":\"two-step\",\"inputs\":{\"text\":1e999999}}");
    assertThat(num.status()).isEqualTo(400);
    Response inputsNotObject = client.post("/execute", "{\"ref\":\"two-step\",\"inputs\":[]}");
    assertThat(inputsNotObject.status()).isEqualTo(400);
    assertHealthy();
  }

  @Test
  void hostileSourceIs400() {
    String deep = "in x: Int\ny = " + "(".repeat(20_000) + "x" + ")".repeat(20_000) + "\nout y\n";
    Response r = client.post("/compile", json(Map.of("name", "deep", "source", deep)));
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    String hugeLiteral = "in x: Int\ny = " + "9".repeat(100_000) + "\nout y\n";
    assertThat(
            client.post("/compile", json(Map.of("name", "huge", "source", hugeLiteral))).status())
        .isEqualTo(400);
    assertThat(
            client
                .post("/compile", json(Map.of("name", "bad name!", "source", "in x: Int\nout x\n")))
                .status())
        .isEqualTo(400);
    assertHealthy();
  }

  @Test
  void unknownRefsAre404() {
    for (String ref :
        List.of("missing", "sha256:" + "0".repeat(64), "sha256:zz", "../../etc/passwd", "")) {
      Response r = client.post("/execute", json(Map.of("ref", ref, "inputs", Map.of())));
      assertThat(r.status()).as(ref + " -> " + r.body()).isIn(400, 404);
    }
    assertThat(client.post("/executions/none/resume", "{}").status()).isEqualTo(404);
    assertHealthy();
  }

  @Test
  void aThousandConcurrentRequestsAreAllAnsweredAndTheServerStaysUp() {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    String body = json(Map.of("ref", "two-step", "inputs", Map.of("text", "c", "suffix", "d")));
    List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      all.add(
          http.sendAsync(
              HttpRequest.newBuilder(URI.create(client.base() + "/execute"))
                  .header("Content-Type", "application/json")
                  .timeout(Duration.ofSeconds(60))
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString()));
    }
    int ok = 0;
    int limited = 0;
    for (var f : all) {
      HttpResponse<String> r = f.join();
      if (r.statusCode() == 200) {
        assertThat(r.body()).contains("\"C d\"");
        ok++;
      } else {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(429);
        assertThat(r.headers().firstValue("Retry-After")).isPresent();
        limited++;
      }
    }
    assertThat(ok + limited).isEqualTo(1000);
    assertThat(ok).isGreaterThanOrEqualTo(200);
    // Let the bucket refill, then the server still works.
    long deadline = System.nanoTime() + 3_000_000_000L;
    while (client.get("/health/ready").status() != 200 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    try {
      Thread.sleep(150);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    assertHealthy();
  }
}
