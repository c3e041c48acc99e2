package io.constellation.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.constellation.server.ServerRuntime;
import io.constellation.server.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigAndFactoriesTest {
  @TempDir Path dir;

  @Test
  void noSettingsGiveTheEmbeddedDefault() {
    ServerConfig c = ConfigLoader.load(Map.of(), Map.of());
    assertThat(c.port()).isEqualTo(8080);
    assertThat(c.pipelineStore()).isEqualTo("jdbc:sqlite:" + Path.of("data", "constellation.db"));
    assertThat(c.suspensionStore()).isEqualTo(c.pipelineStore());
    assertThat(c.cache()).isEqualTo("memory");
    assertThat(c.metrics()).isEqualTo("prometheus");
    assertThat(c.maxBodyBytes()).isEqualTo(10L * 1024 * 1024);
  }

  @Test
  void flagsBeatEnvironmentWhichBeatsTheFile() throws Exception {
    Path file = dir.resolve("c.properties");
    Files.writeString(
        file,
        "port=7000\ncache=caffeine\nlistener=audit,kafka://k:9092/t\nmax-body=2MiB\ndrain-timeout=5s\n");
    ServerConfig c =
        ConfigLoader.load(
            Map.of("config", List.of(file.toString()), "port", List.of("9000")),
            Map.of(
                "CONSTELLATION_CACHE",
                "redis://r:6379",
                "CONSTELLATION_PORT",
                "8000",
                "CONSTELLATION_API_KEY",
                "admin:k1abcdefg,read:k2abcdefg"));
    assertThat(c.port()).isEqualTo(9000);
    assertThat(c.cache()).isEqualTo("redis://r:6379");
    assertThat(c.listeners()).containsExactly("audit", "kafka://k:9092/t");
    assertThat(c.maxBodyBytes()).isEqualTo(2L * 1024 * 1024);
    assertThat(c.drainTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.apiKeys()).hasSize(2);
  }

  @Test
  void badSettingsFailWithOneLineNamingTheSource() throws Exception {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("port", List.of("http")), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("--port: expected a whole number but got 'http'");
    assertThatThrownBy(() -> ConfigLoader.load(Map.of(), Map.of("CONSTELLATION_MAX_BODY", "lots")))
        .hasMessageStartingWith("CONSTELLATION_MAX_BODY: expected a size");
    Path file = dir.resolve("bad.properties");
    Files.writeString(file, "prot=1\n");
    assertThatThrownBy(
            () -> ConfigLoader.load(Map.of("config", List.of(file.toString())), Map.of()))
        .hasMessageContaining("unknown setting 'prot'");
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("rate-limit", List.of("fast")), Map.of()))
        .hasMessageContaining("--rate-limit")
        .hasMessageContaining("N/PERIOD");
  }

  @Test
  void uriSchemesAreSplitForEveryBuiltInForm() {
    assertThat(BackendUri.parse("redis://h:6379").scheme()).isEqualTo("redis");
    assertThat(BackendUri.parse("jdbc:postgresql://h/db").scheme()).isEqualTo("jdbc:postgresql");
    assertThat(BackendUri.parse("jdbc:sqlite:data/x.db").rest()).isEqualTo("data/x.db");
    assertThat(BackendUri.parse("memory").scheme()).isEqualTo("memory");
    assertThat(BackendUri.parse("kafka://h:9092/topic").path()).contains("topic");
    assertThat(BackendUri.parse("redis://:secret@h:6379").redacted()).doesNotContain("secret");
  }

  @Test
  void aFactoryFromAnotherJarAddsASchemeThroughServiceLoader() {
    BackendRegistry registry = BackendRegistry.load(getClass().getClassLoader());
    assertThat(registry.schemes())
        .contains(
            "test", "memory", "redis", "jdbc:sqlite", "jdbc:postgresql", "prometheus", "audit");
    try (ServerRuntime s =
        TestServers.start(TestServers.config(dir).withCache("test://anything"))) {
      assertThat(s.summary())
          .anyMatch(l -> l.contains("cache:") && l.contains("test backend test://anything"));
    }
  }

  @Test
  void badUrisFailFastWithOneLine() {
    assertThatThrownBy(() -> TestServers.start(TestServers.config(dir).withCache("nosuch://x")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("cache: unknown scheme 'nosuch'")
        .hasMessageContaining("memory");
    assertThatThrownBy(
            () -> TestServers.start(TestServers.config(dir).withStores("prometheus", "memory")))
        .hasMessageContaining("'prometheus' cannot be a pipeline-store");
    assertThatThrownBy(() -> TestServers.start(TestServers.config(dir).withCache("test://fail")))
        .isInstanceOf(ConfigException.class)
        .satisfies(
            e -> assertThat(e.getMessage()).doesNotContain("\n").contains("connection refused"));
    assertThatThrownBy(
            () -> TestServers.start(TestServers.config(dir).withCache("redis://127.0.0.1:1")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("cannot reach Redis at redis://127.0.0.1:1");
  }

  @Test
  void memoryStoresAndNamedCachesAreWired() {
    var cfg = TestServers.config(dir).withStores("memory", "memory").withMetrics("none");
    try (ServerRuntime s = TestServers.start(cfg)) {
      assertThat(s.summary()).anyMatch(l -> l.contains("pipeline-store:") && l.contains("memory"));
      assertThat(new TestServers.Client(s).get("/metrics").status()).isEqualTo(404);
    }
  }
}
