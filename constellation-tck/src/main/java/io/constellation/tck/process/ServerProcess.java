package io.constellation.tck.process;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * A private server process for tests, such as a throwaway {@code redis-server}: started on a free
 * loopback port with a temporary working directory, stopped by {@link #close()}.
 *
 * <p>Starting waits (polling every 20 ms, for at most 15 s) until the process accepts TCP
 * connections on {@code 127.0.0.1:port()}. Its standard output and error go to a log file in the
 * working directory; the last 2,000 characters of it are part of every start failure message.
 * {@link #stop()} and {@link #restart()} simulate an outage on the same port. A JVM shutdown hook
 * kills the process should the caller never close it.
 *
 * <p>Failure: a binary missing from {@code PATH} throws {@link AssertionError} naming the Debian
 * package to install (a test that needs the server fails, never skips); a process that exits or
 * does not accept connections in time throws {@link IllegalStateException} with its log.
 *
 * <p>Thread-safe: {@link #stop()}, {@link #restart()} and {@link #close()} are serialised by a
 * lock. They block: starting for up to 15 s, stopping for up to 10 s (SIGTERM, then SIGKILL after 5
 * s).
 */
public final class ServerProcess implements AutoCloseable {
  /** The address every server is bound to. */
  public static final String HOST = "127.0.0.1";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
  private static final Duration STOP_GRACE = Duration.ofSeconds(5);
  private static final int LOG_TAIL = 2_000;

  private final String name;
  private final List<String> command;
  private final Path dir;
  private final Path log;
  private final int port;
  private final Duration startTimeout;
  private final ReentrantLock lock = new ReentrantLock();
  private final Thread shutdownHook;
  private volatile Process process;
  private boolean closed;

  private ServerProcess(
      String name, List<String> command, Path dir, int port, Duration startTimeout) {
    this.name = name;
    this.command = List.copyOf(command);
    this.dir = dir;
    this.log = dir.resolve(name + ".log");
    this.port = port;
    this.startTimeout = startTimeout;
    this.shutdownHook = new Thread(this::kill, name + "-stop-" + port);
  }

  /**
   * Starts {@code redis-server} without persistence ({@code --port P --bind 127.0.0.1 --save ""
   * --appendonly no --dir <tmp>}). A restarted server is empty.
   */
  public static ServerProcess redis() {
    return start(
        "redis-server",
        "redis-server",
        (port, dir) ->
            List.of(
                "--port",
                port.toString(),
                "--bind",
                HOST,
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                dir.toString()));
  }

  /**
   * Starts {@code memcached} with 64 MB of memory and no UDP ({@code -p P -l 127.0.0.1 -U 0 -m
   * 64}), adding {@code -u root} when the JVM runs as root (memcached refuses to otherwise).
   */
  public static ServerProcess memcached() {
    return start(
        "memcached",
        "memcached",
        (port, dir) -> {
          List<String> args =
              new ArrayList<>(List.of("-p", port.toString(), "-l", HOST, "-U", "0", "-m", "64"));
          if ("root".equals(System.getProperty("user.name"))) {
            args.addAll(List.of("-u", "root"));
          }
          return args;
        });
  }

  /**
   * Starts {@code executable} (looked up on {@code PATH}) with the arguments {@code arguments}
   * builds from a free port and a fresh temporary working directory, and waits until it accepts
   * connections on that port.
   *
   * @param debianPackage the package named in the failure when the executable is missing
   */
  public static ServerProcess start(
      String executable, String debianPackage, BiFunction<Integer, Path, List<String>> arguments) {
    return start(executable, debianPackage, arguments, START_TIMEOUT);
  }

  static ServerProcess start(
      String executable,
      String debianPackage,
      BiFunction<Integer, Path, List<String>> arguments,
      Duration startTimeout) {
    Objects.requireNonNull(arguments, "arguments");
    Path binary = findExecutable(executable, debianPackage);
    Path dir;
    try {
      dir = Files.createTempDirectory("constellation-" + executable + "-");
    } catch (IOException e) {
      throw new UncheckedIOException("could not create a directory for " + executable, e);
    }
    int port = FreePort.find();
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(arguments.apply(port, dir));
    ServerProcess server = new ServerProcess(executable, command, dir, port, startTimeout);
    Runtime.getRuntime().addShutdownHook(server.shutdownHook);
    try {
      server.restart();
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  /**
   * The executable {@code name} on {@code PATH}.
   *
   * @throws AssertionError naming {@code debianPackage} when it is missing
   */
  static Path findExecutable(String name, String debianPackage) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(debianPackage, "debianPackage");
    for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!d.isEmpty() && Files.isExecutable(Path.of(d, name))) {
        return Path.of(d, name);
      }
    }
    throw new AssertionError(
        name + " not found on PATH: install it with apt-get install " + debianPackage);
  }

  /** The port the server listens on; the same across restarts. */
  public int port() {
    return port;
  }

  /** {@code 127.0.0.1:port()}. */
  public InetSocketAddress address() {
    return new InetSocketAddress(HOST, port);
  }

  /** {@code scheme://127.0.0.1:port()}, e.g. {@code uri("redis")}. */
  public String uri(String scheme) {
    return Objects.requireNonNull(scheme, "scheme") + "://" + HOST + ":" + port;
  }

  /** Whether the process is running (started and neither stopped nor exited). */
  public boolean isRunning() {
    Process p = process;
    return p != null && p.isAlive();
  }

  /**
   * Stops the process (SIGTERM to it and its descendants, SIGKILL after 5 s) and waits for it to
   * exit. Does nothing when it is not running.
   */
  public void stop() {
    lock.lock();
    try {
      Process p = process;
      process = null;
      if (p != null) {
        terminate(p);
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Starts the process again on the same port and waits until it accepts connections.
   *
   * @throws IllegalStateException when it is still running, closed, or does not come up
   */
  public void restart() {
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException(name + " on port " + port + " is closed");
      }
      if (process != null) {
        throw new IllegalStateException(name + " on port " + port + " is still running");
      }
      launch();
    } finally {
      lock.unlock();
    }
  }

  /** Stops the process and deletes its working directory. Idempotent. */
  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      stop();
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException ignored) {
        // the JVM is shutting down
      }
      deleteRecursively(dir);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String toString() {
    return name + " on " + HOST + ":" + port;
  }

  private void launch() {
    Process p;
    try {
      p =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
    } catch (IOException e) {
      throw new IllegalStateException("could not start " + String.join(" ", command), e);
    }
    process = p;
    long deadline = System.nanoTime() + startTimeout.toNanos();
    while (true) {
      if (!p.isAlive()) {
        process = null;
        throw new IllegalStateException(
            describe(p) + " exited with " + p.exitValue() + " before accepting connections");
      }
      if (acceptsConnections() && p.isAlive()) {
        return;
      }
      if (System.nanoTime() - deadline > 0) {
        stop();
        throw new IllegalStateException(
            describe(p) + " did not accept connections within " + startTimeout);
      }
      pause();
    }
  }

  private boolean acceptsConnections() {
    try (Socket s = new Socket()) {
      s.connect(address(), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private String describe(Process p) {
    return name
        + " (pid "
        + p.pid()
        + ") on "
        + HOST
        + ":"
        + port
        + "; command: "
        + String.join(" ", command)
        + "; log "
        + log
        + ":\n"
        + logTail();
  }

  private String logTail() {
    try {
      String s = Files.readString(log);
      return s.length() > LOG_TAIL ? s.substring(s.length() - LOG_TAIL) : s;
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private void kill() {
    Process p = process;
    if (p != null) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }

  private static void terminate(Process p) {
    List<ProcessHandle> descendants = p.descendants().toList();
    p.destroy();
    descendants.forEach(ProcessHandle::destroy);
    try {
      if (!p.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        descendants.forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly().waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      descendants.forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a server to start", e);
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // best effort: a temp directory
    }
  }
}
