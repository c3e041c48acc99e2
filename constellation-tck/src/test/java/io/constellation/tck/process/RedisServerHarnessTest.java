package io.constellation.tck.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The redis-server harness: a missing binary fails with the package to install. */
class RedisServerHarnessTest {
  @Test
  void aMissingBinaryFailsNamingTheDebianPackage() {
    assertThatThrownBy(
            () -> ServerProcess.findExecutable("redis-server-that-does-not-exist", "redis-server"))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "redis-server-that-does-not-exist not found on PATH: install it with apt-get install"
                + " redis-server");
  }

  @Test
  void thePresentBinaryIsFound() {
    assertThat(ServerProcess.findExecutable("redis-server", "redis-server")).isExecutable();
  }

  @Test
  void aStartedServerAnswersPingWithoutPersistence() throws IOException {
    try (ServerProcess redis = ServerProcess.redis()) {
      assertThat(redis.uri("redis")).isEqualTo("redis://127.0.0.1:" + redis.port());
      assertThat(ServerProcessTest.ping(redis.port())).isEqualTo("+PONG");
      String noSnapshots = "*2\r\n$4\r\nsave\r\n$0\r\n\r\n";
      assertThat(ServerProcessTest.ask(redis.port(), "CONFIG GET save\r\n", noSnapshots.length()))
          .isEqualTo(noSnapshots);
    }
  }
}
