/** A {@link io.constellation.cache.CacheBackend} on memcached. */
@NullMarked
package io.constellation.memcached;

import org.jspecify.annotations.NullMarked;
