package io.constellation.server.config;

import io.constellation.memcached.MemcachedCacheBackend;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.EnumSet;
import java.util.Set;
import net.spy.memcached.MemcachedClient;

/** {@code memcached://host:port}: {@link MemcachedCacheBackend} (TTL enforced by memcached). */
public final class MemcachedBackendFactory implements BackendFactory {
  @Override
  public String scheme() {
    return "memcached";
  }

  @Override
  public Set<BackendKind> kinds() {
    return EnumSet.of(BackendKind.CACHE);
  }

  @Override
  public Object create(BackendKind kind, BackendUri uri, BackendContext context) {
    String host = uri.host();
    int port = uri.port(11211);
    MemcachedClient client;
    try {
      client = new MemcachedClient(new InetSocketAddress(host, port));
    } catch (IOException e) {
      throw new ConfigException(
          "cannot reach memcached at " + uri.redacted() + ": " + e.getMessage(), e);
    }
    // spymemcached connects lazily: ask for the server version so a wrong address fails the start.
    if (client.getVersions().values().stream().allMatch(java.util.Objects::isNull)) {
      client.shutdown();
      throw new ConfigException("cannot reach memcached at " + uri.redacted());
    }
    context.onClose(client::shutdown);
    MemcachedCacheBackend cache = new MemcachedCacheBackend(client);
    context.onClose(cache);
    return cache;
  }

  @Override
  public String describe(BackendKind kind, BackendUri uri) {
    return "memcached " + uri.redacted();
  }
}
