package io.constellation.server.config;

import io.constellation.cache.InMemoryCacheBackend;
import java.util.EnumSet;
import java.util.Set;

/** A user-jar style factory for scheme {@code test://}, registered through test resources. */
public final class TestSchemeFactory implements BackendFactory {
  @Override
  public String scheme() {
    return "test";
  }

  @Override
  public Set<BackendKind> kinds() {
    return EnumSet.of(BackendKind.CACHE);
  }

  @Override
  public Object create(BackendKind kind, BackendUri uri, BackendContext context) {
    if (uri.rest().contains("fail")) {
      throw new IllegalStateException("connection refused\nsecond line");
    }
    return new InMemoryCacheBackend();
  }

  @Override
  public String describe(BackendKind kind, BackendUri uri) {
    return "test backend " + uri.raw();
  }
}
