package io.constellation.redis;

import io.constellation.tck.process.ServerExtension;
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

/**
 * A private redis-server and a Lettuce client on it, as a JUnit extension (static field: per class;
 * instance field: per test).
 */
final class PrivateRedis extends ServerExtension {
  private final @Nullable Duration reconnectDelay;
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
  protected void start() {
    server = ServerProcess.redis();
    RedisURI uri = RedisURI.create(server.uri("redis"));
    if (reconnectDelay == null) {
      client = RedisClient.create(uri);
    } else {
      resources = ClientResources.builder().reconnectDelay(Delay.constant(reconnectDelay)).build();
      client = RedisClient.create(resources, uri);
    }
  }

  @Override
  protected void stop() {
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
