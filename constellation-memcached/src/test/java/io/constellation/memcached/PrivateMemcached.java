package io.constellation.memcached;

import io.constellation.tck.process.ServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import net.spy.memcached.MemcachedClient;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A private memcached and a spymemcached client on it, as a JUnit extension: registered on a static
 * field it lives for the test class, on an instance field for each test. Not thread-safe: JUnit
 * calls the callbacks one at a time.
 */
final class PrivateMemcached
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
  static {
    // route spymemcached's own logging through SLF4J (logback-test.xml keeps it quiet)
    System.setProperty("net.spy.log.LoggerImpl", "net.spy.memcached.compat.log.SLF4JLogger");
  }

  private boolean perClass;
  private @Nullable ServerProcess server;
  private @Nullable MemcachedClient client;

  ServerProcess server() {
    return Objects.requireNonNull(server, "memcached not started");
  }

  MemcachedClient client() {
    return Objects.requireNonNull(client, "memcached not started");
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    perClass = true;
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (!perClass) {
      start();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (!perClass) {
      stop();
    }
  }

  private void start() {
    ServerProcess s = ServerProcess.memcached();
    server = s;
    try {
      client = new MemcachedClient(List.of(s.address()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void stop() {
    try {
      if (client != null) {
        client.shutdown(2, TimeUnit.SECONDS);
      }
    } finally {
      client = null;
      if (server != null) {
        server.close();
        server = null;
      }
    }
  }
}
