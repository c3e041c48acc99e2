package io.constellation.server.http;

import static io.constellation.server.TestServers.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.constellation.server.ServerRuntime;
import io.constellation.server.TestServers;
import io.constellation.server.TestServers.Client;
import io.constellation.server.TestServers.Response;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every endpoint of DESIGN §11 over a real socket, with plain-JSON values and the error shape. */
class HttpApiTest {
  @TempDir static Path dir;
  static ServerRuntime server;
  static Client client;

  @BeforeAll
  static void start() {
    server = TestServers.start(TestServers.config(dir));
    client = new Client(server);
    client.compile("two-step", TestServers.TWO_STEP);
  }

  @AfterAll
  static void stop() {
    server.shutdown();
  }

  static void assertError(Response r, int status, String code) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.json()).as("error body is JSON: " + r.body()).isNotNull();
    assertThat(r.json().path("error").asText()).isEqualTo(code);
    assertThat(r.json().path("message").asText()).isNotBlank().doesNotContain("\n");
    assertThat(r.json().path("details").isArray()).isTrue();
    assertThat(r.body()).doesNotContain("at io.constellation").doesNotContain("Exception:");
  }

  @Test
  void compileStoresAndAliasesThePipelineAndDescribesItsTypes() {
    JsonNode p = client.compile("compiled-here", TestServers.TWO_STEP);
    assertThat(p.path("aliases").toString()).contains("compiled-here");
    assertThat(p.path("inputs").path("text").path("type").asText()).isEqualTo("String");
    assertThat(p.path("outputs").has("joined")).isTrue();
    assertThat(p.path("ref").asText()).startsWith("sha256:");
  }

  @Test
  void compileErrorsAre400WithLineAndColumnInDetails() {
    Response r =
        client.post(
            "/compile",
            json(Map.of("name", "bad", "source", "in x: String\ny = Nope(x)\nout y\n")));
    assertError(r, 400, "bad_request");
    assertThat(r.json().path("details").get(0).asText()).matches("bad:2:\\d+: .*");
  }

  @Test
  void executeRunsAStoredPipelineWithPlainJsonValues() {
    Response r =
        client.post(
            "/execute",
            json(Map.of("ref", "two-step", "inputs", Map.of("text", "hi", "suffix", "there"))));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().path("status").asText()).isEqualTo("COMPLETED");
    assertThat(r.json().path("outputs").path("joined").asText()).isEqualTo("HI there");
    assertThat(r.json().path("outputs").path("upper").asText()).isEqualTo("HI");
  }

  @Test
  void executeBySha256RefWorksToo() {
    String ref = client.get("/pipelines/two-step").json().path("ref").asText();
    Response r =
        client.post(
            "/execute", json(Map.of("ref", ref, "inputs", Map.of("text", "a", "suffix", "b"))));
    assertThat(r.json().path("outputs").path("joined").asText()).isEqualTo("A b");
  }

  @Test
  void runCompilesAndRunsSourceWithoutAliasingIt() {
    Response r =
        client.post(
            "/run",
            json(
                Map.of(
                    "source", TestServers.TWO_STEP, "inputs", Map.of("text", "x", "suffix", "y"))));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().path("outputs").path("joined").asText()).isEqualTo("X y");
    assertThat(client.get("/pipelines/adhoc").status()).isEqualTo(404);
  }

  @Test
  void aSecondResumeWhileTheFirstIsRunningIs409() throws Exception {
    client.compile(
        "slow-resume",
        "in text: String\nin ms: Int\nupper = Uppercase(text)\nslow = Slow(ms)\nout upper\nout slow\n");
    Response r =
        client.post("/execute", json(Map.of("ref", "slow-resume", "inputs", Map.of("text", "a"))));
    String handle = r.json().path("suspensionHandle").asText();
    var barrier = new java.util.concurrent.CyclicBarrier(2);
    java.util.function.Supplier<Response> resume =
        () -> {
          try {
            barrier.await(5, java.util.concurrent.TimeUnit.SECONDS);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
          return client.post(
              "/executions/" + handle + "/resume",
              json(Map.of("additionalInputs", Map.of("ms", 600))));
        };
    var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
    var a = java.util.concurrent.CompletableFuture.supplyAsync(resume, threads);
    var b = java.util.concurrent.CompletableFuture.supplyAsync(resume, threads);
    java.util.List<Response> both =
        java.util.List.of(
            a.get(10, java.util.concurrent.TimeUnit.SECONDS),
            b.get(10, java.util.concurrent.TimeUnit.SECONDS));
    assertThat(both).extracting(Response::status).containsExactlyInAnyOrder(200, 409);
    Response lost = both.stream().filter(x -> x.status() == 409).findFirst().orElseThrow();
    assertError(lost, 409, "resume_in_progress");
    Response won = both.stream().filter(x -> x.status() == 200).findFirst().orElseThrow();
    assertThat(won.json().path("status").asText()).isEqualTo("COMPLETED");
    threads.close();
  }

  @Test
  void missingInputSuspendsAndResumeCompletesIt() {
    Response r =
        client.post("/execute", json(Map.of("ref", "two-step", "inputs", Map.of("text", "wait"))));
    assertThat(r.json().path("status").asText()).isEqualTo("SUSPENDED");
    assertThat(r.json().path("missingInputs").path("suffix").path("type").asText())
        .isEqualTo("String");
    assertThat(r.json().path("outputs").path("upper").asText()).isEqualTo("WAIT");
    String handle = r.json().path("suspensionHandle").asText();

    Response list = client.get("/executions");
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.body()).contains(handle);
    Response one = client.get("/executions/" + handle);
    assertThat(one.json().path("pipeline").asText()).isEqualTo("two-step");
    assertThat(one.json().path("missingInputs").has("suffix")).isTrue();

    Response resumed =
        client.post(
            "/executions/" + handle + "/resume",
            json(Map.of("additionalInputs", Map.of("suffix", "now"))));
    assertThat(resumed.status()).as(resumed.body()).isEqualTo(200);
    assertThat(resumed.json().path("status").asText()).isEqualTo("COMPLETED");
    assertThat(resumed.json().path("outputs").path("joined").asText()).isEqualTo("WAIT now");
    assertThat(resumed.json().path("resumptionCount").asInt()).isEqualTo(1);
    assertError(client.get("/executions/" + handle), 404, "not_found");
  }

  @Test
  void recentRunsRecordStatusAndTimingAndAreFoundById() {
    Response r =
        client.post(
            "/execute",
            json(Map.of("ref", "two-step", "inputs", Map.of("text", "r", "suffix", "s"))));
    String id = r.json().path("executionId").asText();
    Response recent = client.get("/executions/recent");
    assertThat(recent.status()).isEqualTo(200);
    JsonNode first = recent.json().get(0);
    assertThat(recent.body()).contains(id);
    assertThat(first.has("durationMs")).isTrue();
    assertThat(client.get("/executions/" + id).json().path("status").asText())
        .isEqualTo("COMPLETED");
    assertThat(client.get("/executions/running").json().isArray()).isTrue();
  }

  @Test
  void deleteExecutionRemovesASuspension() {
    String handle =
        client
            .post("/execute", json(Map.of("ref", "two-step", "inputs", Map.of("text", "del"))))
            .json()
            .path("suspensionHandle")
            .asText();
    assertThat(client.delete("/executions/" + handle).status()).isEqualTo(200);
    assertError(client.delete("/executions/" + handle), 404, "not_found");
    assertError(client.post("/executions/" + handle + "/resume", "{}"), 404, "not_found");
  }

  @Test
  void resumeWithAConflictingOrUnknownInputIs400() {
    String handle =
        client
            .post("/execute", json(Map.of("ref", "two-step", "inputs", Map.of("text", "c"))))
            .json()
            .path("suspensionHandle")
            .asText();
    Response unknown =
        client.post(
            "/executions/" + handle + "/resume",
            json(Map.of("additionalInputs", Map.of("nope", "x"))));
    assertError(unknown, 400, "bad_request");
    assertThat(unknown.json().path("details").toString()).contains("nope");
    Response conflict =
        client.post(
            "/executions/" + handle + "/resume",
            json(Map.of("additionalInputs", Map.of("text", "other"))));
    assertError(conflict, 400, "bad_request");
    assertThat(conflict.json().path("message").asText()).contains("text");
  }

  @Test
  void pipelinesListGetAliasDagAndDelete() {
    JsonNode compiled = client.compile("to-delete", "in t: String\nu = Uppercase(t)\nout u\n");
    Response list = client.get("/pipelines");
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.body()).contains("two-step").contains("to-delete");

    Response alias =
        client.put(
            "/pipelines/other-name/alias",
            json(Map.of("structuralHash", compiled.path("structuralHash").asText())));
    assertThat(alias.status()).as(alias.body()).isEqualTo(200);
    assertThat(client.get("/pipelines/other-name").json().path("structuralHash").asText())
        .isEqualTo(compiled.path("structuralHash").asText());
    assertError(
        client.put("/pipelines/x/alias", json(Map.of("structuralHash", "0".repeat(64)))),
        404,
        "not_found");

    Response svg = client.get("/pipelines/to-delete/dag.svg");
    assertThat(svg.status()).isEqualTo(200);
    assertThat(svg.header("Content-Type")).startsWith("image/svg+xml");
    assertThat(svg.body()).startsWith("<svg").contains("Uppercase");

    assertThat(client.delete("/pipelines/to-delete").status()).isEqualTo(200);
    assertError(client.get("/pipelines/to-delete"), 404, "not_found");
    assertError(client.get("/pipelines/other-name"), 404, "not_found");
  }

  @Test
  void modulesAreListedWithTheirSchemas() {
    Response r = client.get("/modules");
    assertThat(r.status()).isEqualTo(200);
    JsonNode upper = null;
    for (JsonNode m : r.json()) {
      if (m.path("name").asText().equals("Uppercase")) {
        upper = m;
      }
    }
    assertThat(upper).isNotNull();
    assertThat(upper.path("inputs").path("text").path("type").asText()).isEqualTo("String");
  }

  @Test
  void healthEndpointsAndPrometheusMetrics() {
    assertThat(client.get("/health").json().path("status").asText()).isEqualTo("ok");
    assertThat(client.get("/health/live").status()).isEqualTo(200);
    assertThat(client.get("/health/ready").status()).isEqualTo(200);
    client.post(
        "/execute", json(Map.of("ref", "two-step", "inputs", Map.of("text", "m", "suffix", "n"))));
    Response m = client.get("/metrics");
    assertThat(m.status()).isEqualTo(200);
    assertThat(m.header("Content-Type")).startsWith("text/plain");
    assertThat(m.body())
        .contains("constellation_execution_started")
        .contains("jvm_memory_used_bytes");
  }

  @Test
  void dashboardIsServed() {
    Response r = client.get("/");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).contains("<title>Constellation</title>");
    assertThat(client.get("/dashboard/app.js").status()).isEqualTo(200);
    Response traversal = client.get("/dashboard/..%2f..%2fetc-passwd.js");
    assertThat(traversal.status()).isBetween(400, 404);
    assertThat(traversal.json().path("error").asText()).isIn("bad_request", "not_found");
    assertError(client.get("/dashboard/nope.js"), 404, "not_found");
  }

  @Test
  void unknownRefsAndRoutesAre404WithTheErrorShape() {
    assertError(
        client.post("/execute", json(Map.of("ref", "no-such-pipeline", "inputs", Map.of()))),
        404,
        "not_found");
    assertError(client.get("/pipelines/sha256:" + "ab".repeat(32)), 404, "not_found");
    assertError(client.get("/executions/not-a-handle"), 404, "not_found");
    assertError(client.get("/no/such/route"), 404, "not_found");
  }

  @Test
  void badInputIs400NamingEveryBadField() {
    Response r =
        client.post(
            "/execute",
            "{\"ref\":\"two-step\",\"inputs\":{\"text\":5,\"suffix\":true,\"extra\":1}}");
    assertError(r, 400, "bad_request");
    String details = r.json().path("details").toString();
    assertThat(details).contains("text").contains("suffix").contains("extra");
    assertError(client.post("/execute", "{\"inputs\":{}}"), 400, "bad_request");
    assertError(client.post("/execute", "{\"ref\":7}"), 400, "bad_request");
    assertError(client.post("/execute", "[1,2]"), 400, "bad_request");
    assertError(client.post("/execute", ""), 400, "bad_request");
  }

  @Test
  void malformedJsonIs400WithItsPosition() {
    Response r = client.post("/execute", "{\"ref\": \"two-step\", \"inputs\": {");
    assertError(r, 400, "bad_request");
    assertThat(r.json().path("message").asText()).contains("malformed JSON").contains("line 1");
  }
}
