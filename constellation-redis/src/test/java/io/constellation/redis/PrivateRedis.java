package io.constellation.redis;

import io.constellation.tck.process.ServerProcess;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A private redis-server and a Lettuce client on it, as a JUnit extension: registered on a static
 * field it lives for the test class, on an instance field for each test. Not thread-safe: JUnit
 * calls the callbacks one at a time.
 */
final class PrivateRedis
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
  private final @Nullable Duration reconnectDelay;
  private boolean perClass;
  private @Nullable ServerProcess server;
  private @Nullable ClientResources resources;
  private @Nullable RedisClient client;
  private @Nullable StatefulRedisConnection<String, String> raw;

  /** A client with Lettuce's default resources. */
  PrivateRedis() {
    this(null);
  }

  private PrivateRedis(@Nullable Duration reconnectDelay) {
    this.reconnectDelay = reconnectDelay;
  }

  /** A client that reconnects every {@code delay} after an outage (for restart tests). */
  static PrivateRedis reconnectingEvery(Duration delay) {
    return new PrivateRedis(delay);
  }

  ServerProcess server() {
    return Objects.requireNonNull(server, "redis-server not started");
  }

  RedisClient client() {
    return Objects.requireNonNull(client, "redis-server not started");
  }

  String uri() {
    return server().uri("redis");
  }

  /** Synchronous commands on a shared raw connection, for inspecting what the adapter stored. */
  RedisCommands<String, String> sync() {
    StatefulRedisConnection<String, String> c = raw;
    if (c == null) {
      c = client().connect();
      raw = c;
    }
    return c.sync();
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
    server = ServerProcess.redis();
    RedisURI uri = RedisURI.create(server.uri("redis"));
    if (reconnectDelay == null) {
      client = RedisClient.create(uri);
    } else {
      resources = ClientResources.builder().reconnectDelay(Delay.constant(reconnectDelay)).build();
      client = RedisClient.create(resources, uri);
    }
  }

  private void stop() {
    try {
      if (raw != null) {
        raw.close();
      }
      if (client != null) {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
      }
      if (resources != null) {
        resources.shutdown(0, 2, TimeUnit.SECONDS);
      }
    } finally {
      raw = null;
      client = null;
      resources = null;
      if (server != null) {
        server.close();
        server = null;
      }
    }
  }
}
