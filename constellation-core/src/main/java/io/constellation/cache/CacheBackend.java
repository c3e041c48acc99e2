package io.constellation.cache;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Storage for module results. The engine looks up before running a cached call and stores after a
 * success; failures are never stored.
 *
 * <p><b>Thread-safety:</b> implementations must be safe for concurrent use by many runs.
 *
 * <p><b>Blocking:</b> methods may block (network I/O); the engine calls them on virtual threads and
 * never while holding a lock. Implementations must not do I/O inside {@code synchronized} blocks or
 * {@code ConcurrentHashMap.compute*} lambdas.
 *
 * <p><b>Failure:</b> methods may throw unchecked exceptions. The engine treats a failing or slow
 * {@code get} as a miss and a failing {@code set} as "not stored", counts both in {@code
 * constellation.cache.errors}, and never fails a run because of the cache. An entry that cannot be
 * decoded must be reported as absent (and should be deleted).
 *
 * <p><b>TTL:</b> an entry is never returned after its expiry. Distributed backends let the server
 * enforce the TTL, not client clocks.
 */
public interface CacheBackend {

  /** The live entry under {@code key}, or empty when absent or expired. */
  <A> Optional<CacheEntry<A>> get(String key);

  /** Stores {@code value} under {@code key} for {@code ttl} (> 0), replacing any entry. */
  <A> void set(String key, A value, Duration ttl);

  /** Removes the entry; returns whether one was present. */
  boolean delete(String key);

  /** Removes every entry this backend owns (distributed backends: only their own key prefix). */
  void clear();

  /** Current statistics. */
  CacheStats stats();

  /** Whether a live entry exists under {@code key}. */
  default boolean contains(String key) {
    return get(key).isPresent();
  }

  /**
   * The cached value, or computes it with {@code compute}, stores it for {@code ttl} and returns
   * it. Not single-flight by itself: concurrent misses may each compute (the engine adds
   * single-flight on top).
   */
  default <A> A getOrCompute(String key, Duration ttl, Supplier<A> compute) {
    requireNonNull(compute, "compute");
    Optional<CacheEntry<A>> hit = get(key);
    if (hit.isPresent()) {
      return hit.get().value();
    }
    A value = compute.get();
    set(key, value, ttl);
    return value;
  }

  /** A short name for metrics tags and logs, e.g. {@code memory}, {@code redis}. */
  default String name() {
    return getClass().getSimpleName();
  }
}
