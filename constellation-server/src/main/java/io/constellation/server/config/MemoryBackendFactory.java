package io.constellation.server.config;

import io.constellation.cache.InMemoryCacheBackend;
import io.constellation.impl.InMemorySuspensionStore;
import io.constellation.impl.PipelineStoreImpl;
import java.util.EnumSet;
import java.util.Set;

/**
 * {@code memory}: the in-process defaults (cache, pipeline store, suspension store). Nothing
 * survives a restart. {@code memory?maxSize=N} bounds the cache.
 */
public final class MemoryBackendFactory implements BackendFactory {
  @Override
  public String scheme() {
    return "memory";
  }

  @Override
  public Set<BackendKind> kinds() {
    return EnumSet.of(BackendKind.CACHE, BackendKind.PIPELINE_STORE, BackendKind.SUSPENSION_STORE);
  }

  @Override
  public Object create(BackendKind kind, BackendUri uri, BackendContext context) {
    return switch (kind) {
      case CACHE -> {
        InMemoryCacheBackend cache = new InMemoryCacheBackend();
        String max = uri.query().get("maxSize");
        if (max != null) {
          try {
            cache = cache.withMaxSize(Integer.parseInt(max));
          } catch (NumberFormatException e) {
            throw new ConfigException("cache '" + uri.raw() + "': maxSize must be an integer");
          }
        }
        yield cache;
      }
      case PIPELINE_STORE -> new PipelineStoreImpl();
      case SUSPENSION_STORE -> new InMemorySuspensionStore();
      default -> throw new IllegalArgumentException("memory cannot be a " + kind.label());
    };
  }

  @Override
  public String describe(BackendKind kind, BackendUri uri) {
    return "memory (in-process, lost on restart)";
  }
}
