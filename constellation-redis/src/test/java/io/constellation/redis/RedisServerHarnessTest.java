package io.constellation.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The test harness itself: a missing binary fails with the package to install. */
class RedisServerHarnessTest {
  @Test
  void aMissingBinaryFailsNamingTheDebianPackage() {
    assertThatThrownBy(
            () -> RedisServer.findOnPath("redis-server-that-does-not-exist", "redis-server"))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "redis-server-that-does-not-exist not found on PATH: install it with apt-get install"
                + " redis-server");
  }

  @Test
  void thePresentBinaryIsFound() {
    assertThat(RedisServer.findOnPath("redis-server", "redis-server")).isExecutable();
  }
}
