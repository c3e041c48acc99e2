package io.constellation.memcached;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The test harness itself: a missing binary fails with the package to install. */
class MemcachedServerHarnessTest {
  @Test
  void aMissingBinaryFailsNamingTheDebianPackage() {
    assertThatThrownBy(
            () -> MemcachedServer.findOnPath("memcached-that-does-not-exist", "memcached"))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "memcached-that-does-not-exist not found on PATH: install it with apt-get install"
                + " memcached");
  }

  @Test
  void thePresentBinaryIsFound() {
    assertThat(MemcachedServer.findOnPath("memcached", "memcached")).isExecutable();
  }
}
