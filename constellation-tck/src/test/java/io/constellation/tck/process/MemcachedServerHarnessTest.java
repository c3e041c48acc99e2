package io.constellation.tck.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The memcached harness: a missing binary fails with the package to install. */
class MemcachedServerHarnessTest {
  @Test
  void aMissingBinaryFailsNamingTheDebianPackage() {
    assertThatThrownBy(
            () -> ServerProcess.findExecutable("memcached-that-does-not-exist", "memcached"))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "memcached-that-does-not-exist not found on PATH: install it with apt-get install"
                + " memcached");
  }

  @Test
  void thePresentBinaryIsFound() {
    assertThat(ServerProcess.findExecutable("memcached", "memcached")).isExecutable();
  }

  @Test
  void aStartedServerAnswersVersion() throws IOException {
    try (ServerProcess memcached = ServerProcess.memcached()) {
      assertThat(ServerProcessTest.ask(memcached.port(), "version\r\n", 7)).isEqualTo("VERSION");
    }
  }
}
