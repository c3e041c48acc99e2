package io.constellation.e2e;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private {@code redis-server} on a free loopback port (no persistence, temp working directory
 * removed on {@link #close()}); {@link #stop()} and {@link #restart()} simulate an outage on the
 * same port. A missing binary fails the test naming the Debian package. Not thread-safe beyond its
 * synchronized lifecycle methods.
 */
final class RedisProcess implements AutoCloseable {
  private final Path binary;
  private final Path dir;
  private final int port;
  private final Thread hook;
  private Process process;

  private RedisProcess(Path binary, Path dir, int port) {
    this.binary = binary;
    this.dir = dir;
    this.port = port;
    this.hook = new Thread(this::kill, "redis-e2e-stop-" + port);
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Starts a server and waits until it answers PING. */
  static RedisProcess start() {
    Path bin = Binaries.onPath("redis-server", "redis-server");
    try {
      RedisProcess r =
          new RedisProcess(bin, Files.createTempDirectory("constellation-e2e-redis-"), freePort());
      r.launch();
      return r;
    } catch (IOException e) {
      throw new IllegalStateException("could not start redis-server", e);
    }
  }

  String uri() {
    return "redis://127.0.0.1:" + port;
  }

  /** Stops the process (SIGTERM, SIGKILL after 5 s) and waits for it to exit. */
  synchronized void stop() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  /** Starts the server again on the same port (empty: there is no persistence). */
  synchronized void restart() {
    if (process != null) {
      throw new IllegalStateException("redis-server is still running");
    }
    try {
      launch();
    } catch (IOException e) {
      throw new IllegalStateException("could not restart redis-server", e);
    }
  }

  @Override
  public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException ignored) {
      // the JVM is shutting down
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // best effort
    }
  }

  private void kill() {
    Process p = process;
    if (p != null) {
      p.destroyForcibly();
    }
  }

  private synchronized void launch() throws IOException {
    File log = dir.resolve("redis.log").toFile();
    Process p =
        new ProcessBuilder(
                List.of(
                    binary.toString(),
                    "--port",
                    Integer.toString(port),
                    "--bind",
                    "127.0.0.1",
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                    "--dir",
                    dir.toString()))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
            .start();
    process = p;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (!answersPing()) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        stop();
        throw new IllegalStateException(
            "redis-server did not come up on port " + port + ": " + Files.readString(log.toPath()));
      }
      Binaries.pause(20);
    }
  }

  private boolean answersPing() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      s.setSoTimeout(500);
      OutputStream out = s.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      byte[] buf = in.readNBytes(5);
      return new String(buf, StandardCharsets.US_ASCII).equals("+PONG");
    } catch (IOException e) {
      return false;
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
