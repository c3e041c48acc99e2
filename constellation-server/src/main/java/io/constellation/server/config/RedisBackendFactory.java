package io.constellation.server.config;

import io.constellation.redis.RedisCacheBackend;
import io.constellation.redis.RedisSuspensionStore;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * {@code redis://[password@]host:port[/db]}: {@link RedisCacheBackend} and {@link
 * RedisSuspensionStore}. One client per URI; the server is pinged at start so a wrong address fails
 * fast.
 */
public final class RedisBackendFactory implements BackendFactory {
  @Override
  public String scheme() {
    return "redis";
  }

  @Override
  public Set<BackendKind> kinds() {
    return EnumSet.of(BackendKind.CACHE, BackendKind.SUSPENSION_STORE);
  }

  @Override
  public Object create(BackendKind kind, BackendUri uri, BackendContext context) {
    uri.hierarchical();
    RedisClient client =
        context.shared(
            "redis|" + uri.raw(),
            RedisClient.class,
            () -> {
              RedisURI ru = RedisURI.create(uri.raw());
              ru.setTimeout(Duration.ofSeconds(5));
              RedisClient c = RedisClient.create(ru);
              try (StatefulRedisConnection<String, String> conn = c.connect()) {
                conn.sync().ping();
              } catch (RuntimeException e) {
                c.shutdown();
                throw new ConfigException(
                    "cannot reach Redis at " + uri.redacted() + ": " + rootMessage(e), e);
              }
              context.onClose(c::shutdown);
              return c;
            });
    if (kind == BackendKind.CACHE) {
      RedisCacheBackend cache = new RedisCacheBackend(client);
      context.onClose(cache);
      return cache;
    }
    RedisSuspensionStore store = new RedisSuspensionStore(client);
    context.onClose(store);
    return store;
  }

  @Override
  public String describe(BackendKind kind, BackendUri uri) {
    return "Redis " + uri.redacted();
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
