package io.constellation.server.http;

import static io.constellation.server.TestServers.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.constellation.server.ServerRuntime;
import io.constellation.server.TestServers;
import io.constellation.server.TestServers.Client;
import io.constellation.server.TestServers.Response;
import io.constellation.server.auth.ApiKeys;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Auth roles, rate limiting, body limit and draining over a real socket. */
class AuthAndLimitsTest {
  static final String ADMIN = "admin-secret-key";
  static final String EXEC = "execute-secret-key";
  static final String READ = "read-only-secret";

  @TempDir Path dir;

  @Test
  void noKeyIs401ReadOnlyPostIs403AdminIsAllowed() {
    var cfg =
        TestServers.config(dir)
            .withApiKeys(
                List.of(
                    "admin:" + ADMIN, "execute:" + EXEC, "read:sha256:" + ApiKeys.hashHex(READ)));
    try (ServerRuntime server = TestServers.start(cfg)) {
      Client anon = new Client(server);
      Response none = anon.get("/pipelines");
      HttpApiTest.assertError(none, 401, "unauthorized");
      assertThat(none.header("WWW-Authenticate")).isEqualTo("Bearer");
      HttpApiTest.assertError(anon.withKey("wrong-key-123").get("/pipelines"), 401, "unauthorized");
      // Health, metrics and the dashboard stay public.
      assertThat(anon.get("/health").status()).isEqualTo(200);
      assertThat(anon.get("/metrics").status()).isEqualTo(200);
      assertThat(anon.get("/").status()).isEqualTo(200);

      Client reader = anon.withKey(READ);
      assertThat(reader.get("/pipelines").status()).isEqualTo(200);
      Response forbidden =
          reader.post("/compile", json(Map.of("name", "p", "source", TestServers.TWO_STEP)));
      HttpApiTest.assertError(forbidden, 403, "forbidden");
      assertThat(forbidden.json().path("message").asText()).contains("read").contains("execute");

      Client executor = anon.withKey(EXEC);
      assertThat(
              executor
                  .post("/compile", json(Map.of("name", "p", "source", TestServers.TWO_STEP)))
                  .status())
          .isEqualTo(200);
      HttpApiTest.assertError(executor.delete("/pipelines/p"), 403, "forbidden");

      // X-API-Key works as well as Authorization: Bearer.
      Response viaHeader =
          anon.send(
              HttpRequest.newBuilder(URI.create(anon.base() + "/pipelines"))
                  .header("X-API-Key", ADMIN)
                  .GET());
      assertThat(viaHeader.status()).isEqualTo(200);
      Client admin = anon.withKey(ADMIN);
      assertThat(admin.delete("/pipelines/p").status()).isEqualTo(200);
    }
  }

  @Test
  void overTheRateLimitIs429WithRetryAfterAndOtherClientsAreUnaffected() {
    var cfg =
        TestServers.config(dir)
            .withApiKeys(List.of("read:" + READ, "admin:" + ADMIN))
            .withRateLimit("5/1min");
    try (ServerRuntime server = TestServers.start(cfg)) {
      Client reader = new Client(server).withKey(READ);
      for (int i = 0; i < 5; i++) {
        assertThat(reader.get("/pipelines").status()).isEqualTo(200);
      }
      Response limited = reader.get("/pipelines");
      HttpApiTest.assertError(limited, 429, "rate_limited");
      assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);
      // Another key has its own bucket; health is never limited.
      assertThat(new Client(server).withKey(ADMIN).get("/pipelines").status()).isEqualTo(200);
      assertThat(reader.get("/health").status()).isEqualTo(200);
    }
  }

  @Test
  void bodiesOverTheLimitAre413BeforeTheBodyIsRead() throws Exception {
    try (ServerRuntime server = TestServers.start(TestServers.config(dir).withMaxBodyBytes(1024))) {
      Client c = new Client(server);
      String big = "{\"ref\":\"x\",\"pad\":\"" + "a".repeat(2000) + "\"}";
      HttpApiTest.assertError(c.post("/execute", big), 413, "payload_too_large");
      // Without a Content-Length (chunked), the limit is enforced while reading.
      byte[] bytes = big.getBytes();
      Response chunked =
          c.send(
              HttpRequest.newBuilder(URI.create(c.base() + "/execute"))
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofInputStream(
                          () -> new java.io.ByteArrayInputStream(bytes))));
      HttpApiTest.assertError(chunked, 413, "payload_too_large");
      assertThat(c.get("/health").status()).isEqualTo(200);
    }
  }

  @Test
  void drainingRejectsNewRunsWith503AndReadinessFails() {
    try (ServerRuntime server = TestServers.start(TestServers.config(dir))) {
      Client c = new Client(server);
      c.compile("p", TestServers.TWO_STEP);
      server.api().startDraining();
      HttpApiTest.assertError(
          c.post("/execute", json(Map.of("ref", "p", "inputs", Map.of()))), 503, "draining");
      HttpApiTest.assertError(c.get("/health/ready"), 503, "draining");
      assertThat(c.get("/health/live").status()).isEqualTo(200);
      assertThat(c.get("/health").json().path("status").asText()).isEqualTo("draining");
      assertThat(c.get("/pipelines").status()).isEqualTo(200);
    }
  }

  @Test
  void shutdownLetsAnInFlightRunFinish() throws Exception {
    try (ServerRuntime server = TestServers.start(TestServers.config(dir))) {
      Client c = new Client(server);
      c.compile("slow", "in ms: Int\nr = Slow(ms)\nout r\n");
      var inFlight =
          java.util.concurrent.CompletableFuture.supplyAsync(
              () -> c.post("/execute", json(Map.of("ref", "slow", "inputs", Map.of("ms", 800)))));
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (c.get("/executions/running").json().isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(c.get("/executions/running").json().get(0).path("pipeline").asText())
          .isEqualTo("slow");
      server.shutdown();
      Response r = inFlight.get();
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      assertThat(r.json().path("status").asText()).isEqualTo("COMPLETED");
      assertThat(r.json().path("outputs").path("r").asLong()).isEqualTo(800);
    }
  }
}
