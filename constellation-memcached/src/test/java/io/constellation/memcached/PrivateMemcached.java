package io.constellation.memcached;

import io.constellation.tck.process.ServerExtension;
import io.constellation.tck.process.ServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import net.spy.memcached.MemcachedClient;
import org.jspecify.annotations.Nullable;

/**
 * A private memcached and a spymemcached client on it, as a JUnit extension (static field: per
 * class; instance field: per test).
 */
final class PrivateMemcached extends ServerExtension {
  static {
    // route spymemcached's own logging through SLF4J (logback-test.xml keeps it quiet)
    System.setProperty("net.spy.log.LoggerImpl", "net.spy.memcached.compat.log.SLF4JLogger");
  }

  private @Nullable ServerProcess server;
  private @Nullable MemcachedClient client;

  ServerProcess server() {
    return Objects.requireNonNull(server, "memcached not started");
  }

  MemcachedClient client() {
    return Objects.requireNonNull(client, "memcached not started");
  }

  @Override
  protected void start() {
    ServerProcess s = ServerProcess.memcached();
    server = s;
    try {
      client = new MemcachedClient(List.of(s.address()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected void stop() {
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
