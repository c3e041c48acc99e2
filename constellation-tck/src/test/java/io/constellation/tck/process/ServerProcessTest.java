package io.constellation.tck.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generic lifecycle: start failures carry the log, stop frees the port, close is final. */
class ServerProcessTest {
  @Test
  void aProcessThatExitsBeforeListeningFailsWithItsExitCodeAndLog() {
    assertThatThrownBy(
            () ->
                ServerProcess.start(
                    "sh",
                    "dash",
                    (port, dir) -> List.of("-c", "echo cannot bind " + port + "; exit 3")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("exited with 3 before accepting connections")
        .hasMessageContaining("cannot bind");
  }

  @Test
  void aProcessThatNeverListensFailsAtTheDeadlineAndIsStopped() {
    assertThatThrownBy(
            () ->
                ServerProcess.start(
                    "sh",
                    "dash",
                    (port, dir) -> List.of("-c", "echo waiting; exec sleep 30"),
                    Duration.ofMillis(300)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("did not accept connections within PT0.3S")
        .hasMessageContaining("waiting");
    assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive)).isEmpty();
  }

  @Test
  void stopFreesThePortAndRestartServesOnTheSamePortAgain() throws IOException {
    try (ServerProcess redis = ServerProcess.redis()) {
      int port = redis.port();
      assertThat(ping(port)).isEqualTo("+PONG");

      redis.stop();
      assertThat(redis.isRunning()).isFalse();
      assertThatThrownBy(() -> ping(port)).isInstanceOf(ConnectException.class);
      redis.stop(); // a second stop does nothing

      redis.restart();
      assertThat(redis.port()).isEqualTo(port);
      assertThat(redis.isRunning()).isTrue();
      assertThat(ping(port)).isEqualTo("+PONG");
      assertThatThrownBy(redis::restart)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("still running");
    }
  }

  @Test
  void closeStopsTheProcessForGood() {
    ServerProcess redis = ServerProcess.redis();
    redis.close();
    redis.close(); // idempotent
    assertThat(redis.isRunning()).isFalse();
    assertThatThrownBy(() -> ping(redis.port())).isInstanceOf(ConnectException.class);
    assertThatThrownBy(redis::restart)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void addressesNameTheLoopbackPort() {
    try (ServerProcess memcached = ServerProcess.memcached()) {
      int port = memcached.port();
      assertThat(memcached.address().getPort()).isEqualTo(port);
      assertThat(memcached.address().getHostString()).isEqualTo("127.0.0.1");
      assertThat(memcached.uri("memcached")).isEqualTo("memcached://127.0.0.1:" + port);
    }
  }

  @Test
  void aFreePortCanBeBound() throws IOException {
    int port = FreePort.find();
    assertThat(port).isBetween(1, 65535);
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      assertThat(s.getLocalPort()).isEqualTo(port);
    }
  }

  static String ping(int port) throws IOException {
    return ask(port, "PING\r\n", 5);
  }

  static String ask(int port, String command, int replyLength) throws IOException {
    try (Socket s = new Socket(ServerProcess.HOST, port)) {
      s.setSoTimeout(2_000);
      OutputStream out = s.getOutputStream();
      out.write(command.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      return new String(in.readNBytes(replyLength), StandardCharsets.US_ASCII);
    }
  }
}
