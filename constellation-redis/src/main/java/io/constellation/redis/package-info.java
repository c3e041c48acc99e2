/**
 * A {@link io.constellation.cache.CacheBackend} and a {@link io.constellation.SuspensionStore} on
 * Redis (Lettuce).
 */
@NullMarked
package io.constellation.redis;

import org.jspecify.annotations.NullMarked;
