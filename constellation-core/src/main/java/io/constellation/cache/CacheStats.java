package io.constellation.cache;

import java.util.OptionalLong;

/**
 * Cache statistics.
 *
 * @param hits lookups that found a live entry
 * @param misses lookups that found none
 * @param evictions entries removed by size bound or expiry
 * @param size current number of entries (best effort for distributed backends)
 * @param maxSize the size bound, if any
 */
public record CacheStats(long hits, long misses, long evictions, long size, OptionalLong maxSize) {
  public CacheStats {
    if (hits < 0 || misses < 0 || evictions < 0 || size < 0) {
      throw new IllegalArgumentException("cache statistics must not be negative");
    }
    java.util.Objects.requireNonNull(maxSize, "maxSize");
  }

  /** No activity. */
  public static CacheStats empty() {
    return new CacheStats(0, 0, 0, 0, OptionalLong.empty());
  }

  /** hits / (hits + misses), 0 when there were no lookups. */
  public double hitRatio() {
    long total = hits + misses;
    return total == 0 ? 0.0 : (double) hits / total;
  }
}
