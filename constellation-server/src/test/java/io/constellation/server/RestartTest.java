package io.constellation.server;

import static io.constellation.server.TestServers.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.constellation.server.TestServers.Client;
import io.constellation.server.config.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default keeps pipelines and suspensions in SQLite: a restart loses nothing. */
class RestartTest {
  @TempDir Path dir;

  @Test
  void compileSuspendStopStartAgainOnTheSameDataAndResume() {
    ServerConfig cfg = TestServers.config(dir);
    String handle;
    String hash;
    try (ServerRuntime first = TestServers.start(cfg)) {
      Client c = new Client(first);
      hash = c.compile("two-step", TestServers.TWO_STEP).path("structuralHash").asText();
      JsonNode r =
          c.post("/execute", json(Map.of("ref", "two-step", "inputs", Map.of("text", "persist"))))
              .json();
      assertThat(r.path("status").asText()).isEqualTo("SUSPENDED");
      handle = r.path("suspensionHandle").asText();
    }
    assertThat(Files.exists(dir.resolve("data").resolve("constellation.db"))).isTrue();

    try (ServerRuntime second = TestServers.start(cfg)) {
      Client c = new Client(second);
      assertThat(c.get("/pipelines/two-step").json().path("structuralHash").asText())
          .isEqualTo(hash);
      assertThat(c.get("/executions").body()).contains(handle);
      JsonNode resumed =
          c.post(
                  "/executions/" + handle + "/resume",
                  json(Map.of("additionalInputs", Map.of("suffix", "after restart"))))
              .json();
      assertThat(resumed.path("status").asText()).isEqualTo("COMPLETED");
      assertThat(resumed.path("outputs").path("joined").asText())
          .isEqualTo("PERSIST after restart");
    }
  }
}
