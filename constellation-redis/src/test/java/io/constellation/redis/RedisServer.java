package io.constellation.redis;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private, throwaway {@code redis-server} on a free loopback port, for tests. No persistence; the
 * working directory is a temp directory removed on {@link #close()}. Fails (never skips) when the
 * binary is missing.
 */
final class RedisServer implements AutoCloseable {
  private static final String BINARY = "redis-server";
  private static final long START_DEADLINE_MS = 15_000;

  private final Path binary;
  private final Path dir;
  private final int port;
  private Process process;
  private final Thread shutdownHook;

  private RedisServer(Path binary, Path dir, int port) {
    this.binary = binary;
    this.dir = dir;
    this.port = port;
    this.shutdownHook = new Thread(this::stopQuietly, "redis-server-stop-" + port);
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** Starts a server on a free port and waits until it answers PING. */
  static RedisServer start() {
    Path bin = findOnPath(BINARY, "redis-server");
    try {
      Path dir = Files.createTempDirectory("constellation-redis-");
      RedisServer server = new RedisServer(bin, dir, freePort());
      server.startProcess();
      return server;
    } catch (IOException e) {
      throw new IllegalStateException("could not start redis-server", e);
    }
  }

  int port() {
    return port;
  }

  String uri() {
    return "redis://127.0.0.1:" + port;
  }

  /** Stops the server process (SIGTERM, then SIGKILL after 5 s) and waits for it to exit. */
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

  /** Starts the server again on the same port (after {@link #stop()}). */
  synchronized void restart() {
    if (process != null) {
      throw new IllegalStateException("redis-server is still running");
    }
    try {
      startProcess();
    } catch (IOException e) {
      throw new IllegalStateException("could not restart redis-server", e);
    }
  }

  @Override
  public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException ignored) {
      // JVM already shutting down
    }
    deleteRecursively(dir);
  }

  private void stopQuietly() {
    Process p = process;
    if (p != null) {
      p.destroyForcibly();
    }
  }

  private synchronized void startProcess() throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(binary.toString());
    cmd.addAll(
        List.of(
            "--port", Integer.toString(port),
            "--bind", "127.0.0.1",
            "--save", "",
            "--appendonly", "no",
            "--dir", dir.toString()));
    File log = dir.resolve("redis.log").toFile();
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
            .start();
    process = p;
    long deadline = System.currentTimeMillis() + START_DEADLINE_MS;
    while (true) {
      if (!p.isAlive()) {
        process = null;
        throw new IllegalStateException(
            "redis-server exited with " + p.exitValue() + " on port " + port + ": " + tail(log));
      }
      if (answersPing()) {
        return;
      }
      if (System.currentTimeMillis() > deadline) {
        stop();
        throw new IllegalStateException(
            "redis-server did not answer PING on port " + port + " within 15 s: " + tail(log));
      }
      sleep(20);
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
      byte[] buf = new byte[7];
      int n = in.readNBytes(buf, 0, 7);
      return new String(buf, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG");
    } catch (IOException e) {
      return false;
    }
  }

  /** The executable {@code name} on PATH; fails naming the Debian package when missing. */
  static Path findOnPath(String name, String debianPackage) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String d : path.split(File.pathSeparator)) {
      if (d.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(d, name);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new AssertionError(
        name + " not found on PATH: install it with apt-get install " + debianPackage);
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }

  private static String tail(File log) {
    try {
      String s = Files.readString(log.toPath());
      return s.length() > 2000 ? s.substring(s.length() - 2000) : s;
    } catch (IOException e) {
      return "(no log)";
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for redis-server", e);
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // best effort
    }
  }
}
