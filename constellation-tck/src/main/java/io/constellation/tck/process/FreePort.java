package io.constellation.tck.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * A TCP port on the loopback interface that was free when asked for. Another process may take it
 * before the caller binds it; {@link ServerProcess} then fails naming the port. Thread-safe; blocks
 * only to open and close one socket.
 */
public final class FreePort {
  private FreePort() {}

  /**
   * A free loopback port.
   *
   * @throws UncheckedIOException when no socket can be opened
   */
  public static int find() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }
}
