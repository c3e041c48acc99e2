package io.constellation.memcached;

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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private, throwaway {@code memcached} on a free loopback port, for tests. Adds {@code -u root}
 * when the JVM runs as root (memcached refuses to run as root otherwise). Fails (never skips) when
 * the binary is missing.
 */
final class MemcachedServer implements AutoCloseable {
  private static final String BINARY = "memcached";
  private static final long START_DEADLINE_MS = 15_000;

  private final Path binary;
  private final Path log;
  private final int port;
  private Process process;
  private final Thread shutdownHook;

  static {
    // route spymemcached's own logging through SLF4J (logback-test.xml keeps it quiet)
    System.setProperty("net.spy.log.LoggerImpl", "net.spy.memcached.compat.log.SLF4JLogger");
  }

  private MemcachedServer(Path binary, Path log, int port) {
    this.binary = binary;
    this.log = log;
    this.port = port;
    this.shutdownHook = new Thread(this::stopQuietly, "memcached-stop-" + port);
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** Starts a server on a free port and waits until it answers {@code version}. */
  static MemcachedServer start() {
    Path bin = findOnPath(BINARY, "memcached");
    try {
      Path log = Files.createTempFile("constellation-memcached-", ".log");
      MemcachedServer server = new MemcachedServer(bin, log, freePort());
      server.startProcess();
      return server;
    } catch (IOException e) {
      throw new IllegalStateException("could not start memcached", e);
    }
  }

  int port() {
    return port;
  }

  InetSocketAddress address() {
    return new InetSocketAddress("127.0.0.1", port);
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

  @Override
  public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException ignored) {
      // JVM already shutting down
    }
    log.toFile().delete();
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
    cmd.addAll(List.of("-p", Integer.toString(port), "-l", "127.0.0.1", "-U", "0", "-m", "64"));
    if ("root".equals(System.getProperty("user.name"))) {
      cmd.addAll(List.of("-u", "root"));
    }
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    process = p;
    long deadline = System.currentTimeMillis() + START_DEADLINE_MS;
    while (true) {
      if (!p.isAlive()) {
        process = null;
        throw new IllegalStateException(
            "memcached exited with " + p.exitValue() + " on port " + port + ": " + logText());
      }
      if (answersVersion()) {
        return;
      }
      if (System.currentTimeMillis() > deadline) {
        stop();
        throw new IllegalStateException(
            "memcached did not answer on port " + port + " within 15 s: " + logText());
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for memcached", e);
      }
    }
  }

  private boolean answersVersion() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      s.setSoTimeout(500);
      OutputStream out = s.getOutputStream();
      out.write("version\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      byte[] buf = new byte[7];
      int n = in.readNBytes(buf, 0, 7);
      return new String(buf, 0, n, StandardCharsets.US_ASCII).startsWith("VERSION");
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
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private String logText() {
    try {
      String s = Files.readString(log);
      return s.length() > 2000 ? s.substring(s.length() - 2000) : s;
    } catch (IOException e) {
      return "(no log)";
    }
  }
}
