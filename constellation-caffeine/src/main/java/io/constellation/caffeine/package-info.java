/** A {@link io.constellation.cache.CacheBackend} on Caffeine. */
@NullMarked
package io.constellation.caffeine;

import org.jspecify.annotations.NullMarked;
