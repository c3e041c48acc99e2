package io.constellation.server.config;

import io.constellation.caffeine.CaffeineCacheBackend;
import java.util.EnumSet;
import java.util.Set;

/** {@code caffeine[?maxSize=N]}: an in-process Caffeine cache. */
public final class CaffeineBackendFactory implements BackendFactory {
  @Override
  public String scheme() {
    return "caffeine";
  }

  @Override
  public Set<BackendKind> kinds() {
    return EnumSet.of(BackendKind.CACHE);
  }

  @Override
  public Object create(BackendKind kind, BackendUri uri, BackendContext context) {
    String max = uri.query().get("maxSize");
    if (max == null) {
      return new CaffeineCacheBackend();
    }
    try {
      return CaffeineCacheBackend.create(Long.parseLong(max));
    } catch (NumberFormatException e) {
      throw new ConfigException("cache '" + uri.raw() + "': maxSize must be an integer");
    }
  }

  @Override
  public String describe(BackendKind kind, BackendUri uri) {
    return "Caffeine (in-process) " + uri.raw();
  }
}
