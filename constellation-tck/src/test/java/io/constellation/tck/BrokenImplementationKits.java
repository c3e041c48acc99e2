package io.constellation.tck;

import io.constellation.PipelineStore;
import io.constellation.SuspensionStore;
import io.constellation.cache.CacheBackend;
import io.constellation.cache.CacheEntry;
import io.constellation.cache.CacheStats;
import io.constellation.cache.InMemoryCacheBackend;
import io.constellation.impl.InMemorySuspensionStore;
import io.constellation.pipeline.PipelineImage;
import io.constellation.spi.ExecutionListener;
import io.constellation.spi.MetricsProvider;
import io.constellation.suspension.ResumeClaim;
import io.constellation.suspension.SuspendedExecution;
import io.constellation.suspension.SuspensionFilter;
import io.constellation.suspension.SuspensionHandle;
import io.constellation.suspension.SuspensionSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Kits run against deliberately broken implementations, by {@link
 * KitsCatchBrokenImplementationsTest} through the JUnit launcher. The class names do not match
 * Surefire's test patterns, so Surefire does not run them directly.
 */
final class BrokenImplementationKits {
  private BrokenImplementationKits() {}

  /** Ignores the TTL it is given (entries live a year) and accepts non-positive TTLs. */
  static final class TtlIgnoringCacheKit extends CacheBackendContract {
    private final TestClock clock = TestClock.create();

    @Override
    protected CacheBackend createBackend() {
      InMemoryCacheBackend inner = new InMemoryCacheBackend().withClock(clock);
      return new CacheBackend() {
        @Override
        public <A> Optional<CacheEntry<A>> get(String key) {
          return inner.get(key);
        }

        @Override
        public <A> void set(String key, A value, Duration ttl) {
          inner.set(key, value, Duration.ofDays(365));
        }

        @Override
        public boolean delete(String key) {
          return inner.delete(key);
        }

        @Override
        public void clear() {
          inner.clear();
        }

        @Override
        public CacheStats stats() {
          return inner.stats();
        }
      };
    }

    @Override
    protected boolean supportsClockControl() {
      return true;
    }

    @Override
    protected void advanceTime(Duration amount) {
      clock.advance(amount);
    }
  }

  /** Grants every claim and lists newest first. */
  static final class NonExclusiveSuspensionStoreKit extends SuspensionStoreContract {
    @Override
    protected SuspensionStore createStore() {
      InMemorySuspensionStore inner = new InMemorySuspensionStore();
      return new SuspensionStore() {
        @Override
        public SuspensionHandle save(SuspendedExecution execution) {
          return inner.save(execution);
        }

        @Override
        public Optional<SuspendedExecution> load(SuspensionHandle handle) {
          return inner.load(handle);
        }

        @Override
        public boolean delete(SuspensionHandle handle) {
          return inner.delete(handle);
        }

        @Override
        public List<SuspensionSummary> list(SuspensionFilter filter) {
          List<SuspensionSummary> out = new ArrayList<>(inner.list(filter));
          Collections.reverse(out);
          return out;
        }

        @Override
        public Optional<ResumeClaim> claim(SuspensionHandle handle, Duration lease) {
          return Optional.of(
              new ResumeClaim(handle, UUID.randomUUID().toString(), Instant.now().plus(lease)));
        }

        @Override
        public void release(ResumeClaim claim) {}
      };
    }
  }

  /** Exclusive, renewable claims, but the claim-taking replace and delete ignore the claim. */
  static final class UnfencedSuspensionStoreKit extends SuspensionStoreContract {
    @Override
    protected SuspensionStore createStore() {
      InMemorySuspensionStore inner = new InMemorySuspensionStore();
      return new SuspensionStore() {
        @Override
        public SuspensionHandle save(SuspendedExecution execution) {
          return inner.save(execution);
        }

        @Override
        public Optional<SuspendedExecution> load(SuspensionHandle handle) {
          return inner.load(handle);
        }

        @Override
        public boolean delete(SuspensionHandle handle) {
          return inner.delete(handle);
        }

        @Override
        public SuspensionHandle replace(SuspensionHandle handle, SuspendedExecution execution) {
          return inner.replace(handle, execution);
        }

        @Override
        public List<SuspensionSummary> list(SuspensionFilter filter) {
          return inner.list(filter);
        }

        @Override
        public Optional<ResumeClaim> claim(SuspensionHandle handle, Duration lease) {
          return inner.claim(handle, lease);
        }

        @Override
        public void release(ResumeClaim claim) {
          inner.release(claim);
        }

        @Override
        public Optional<ResumeClaim> renew(ResumeClaim claim, Duration lease) {
          return inner.renew(claim, lease);
        }

        @Override
        public SuspensionHandle replace(
            SuspensionHandle handle, SuspendedExecution execution, ResumeClaim claim) {
          return inner.replace(handle, execution);
        }

        @Override
        public boolean delete(SuspensionHandle handle, ResumeClaim claim) {
          return inner.delete(handle);
        }
      };
    }
  }

  /** Aliases unknown hashes silently and keeps aliases of removed images. */
  static final class LeakyPipelineStoreKit extends PipelineStoreContract {
    @Override
    protected PipelineStore createStore() {
      Map<String, PipelineImage> images = new ConcurrentHashMap<>();
      Map<String, String> aliases = new ConcurrentHashMap<>();
      Map<String, String> syntactic = new ConcurrentHashMap<>();
      return new PipelineStore() {
        @Override
        public String store(PipelineImage image) {
          images.putIfAbsent(image.structuralHash(), image);
          return image.structuralHash();
        }

        @Override
        public void alias(String name, String structuralHash) {
          aliases.put(name, structuralHash);
        }

        @Override
        public Optional<String> resolve(String name) {
          return Optional.ofNullable(aliases.get(name));
        }

        @Override
        public Map<String, String> listAliases() {
          return new TreeMap<>(aliases);
        }

        @Override
        public Optional<PipelineImage> get(String structuralHash) {
          return Optional.ofNullable(images.get(structuralHash));
        }

        @Override
        public void indexSyntactic(String s, String r, String structuralHash) {
          syntactic.put(s + "|" + r, structuralHash);
        }

        @Override
        public Optional<String> lookupSyntactic(String s, String r) {
          return Optional.ofNullable(syntactic.get(s + "|" + r));
        }

        @Override
        public List<PipelineImage> listImages() {
          return List.copyOf(images.values());
        }

        @Override
        public boolean remove(String structuralHash) {
          return images.remove(structuralHash) != null;
        }
      };
    }
  }

  /** Ignores tags and adds gauge values instead of keeping the last. */
  static final class TagBlindMetricsKit extends MetricsProviderContract {
    private final InMemoryMetricsProvider inner = new InMemoryMetricsProvider();
    private final Map<String, Double> gauges = new ConcurrentHashMap<>();

    @Override
    protected MetricsProvider createProvider() {
      return new MetricsProvider() {
        @Override
        public void counter(String name, Map<String, String> tags) {
          inner.counter(name, Map.of());
        }

        @Override
        public void histogram(String name, double value, Map<String, String> tags) {
          inner.histogram(name, value, Map.of());
        }

        @Override
        public void gauge(String name, double value, Map<String, String> tags) {
          gauges.merge(name, value, Double::sum);
        }
      };
    }

    @Override
    protected double counterValue(String name, Map<String, String> tags) {
      return inner.counterValue(name, Map.of());
    }

    @Override
    protected long histogramCount(String name, Map<String, String> tags) {
      return inner.histogramCount(name, Map.of());
    }

    @Override
    protected double histogramSum(String name, Map<String, String> tags) {
      return inner.histogramSum(name, Map.of());
    }

    @Override
    protected double gaugeValue(String name, Map<String, String> tags) {
      return gauges.getOrDefault(name, 0.0);
    }
  }

  /** Never delivers executionComplete, and delivers moduleComplete before moduleStart's peers. */
  static final class ForgetfulListenerKit extends ExecutionListenerContract {
    private final Map<UUID, List<String>> sink = new ConcurrentHashMap<>();

    private void add(UUID id, EventKind kind) {
      sink.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(kind.eventName());
    }

    @Override
    protected ExecutionListener createListener() {
      return new ExecutionListener() {
        @Override
        public void onExecutionStart(UUID executionId, String dagName) {
          add(executionId, EventKind.EXECUTION_START);
        }

        @Override
        public void onModuleStart(UUID executionId, UUID moduleId, String moduleName) {
          add(executionId, EventKind.MODULE_START);
        }

        @Override
        public void onModuleComplete(
            UUID executionId, UUID moduleId, String moduleName, long durationMs) {
          add(executionId, EventKind.MODULE_COMPLETE);
        }

        @Override
        public void onModuleFailed(
            UUID executionId, UUID moduleId, String moduleName, Throwable error) {
          add(executionId, EventKind.MODULE_FAILED);
          error.getMessage().length(); // throws for an error without a message
        }
      };
    }

    @Override
    protected List<String> deliveredEvents(UUID executionId) {
      return List.copyOf(sink.getOrDefault(executionId, List.of()));
    }

    @Override
    protected Duration deliveryTimeout() {
      return Duration.ofMillis(150);
    }
  }
}
