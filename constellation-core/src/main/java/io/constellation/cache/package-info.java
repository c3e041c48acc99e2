/**
 * The module-result cache SPI ({@link io.constellation.cache.CacheBackend}), its values, key
 * generation, serialization and the in-memory default.
 */
@NullMarked
package io.constellation.cache;

import org.jspecify.annotations.NullMarked;
