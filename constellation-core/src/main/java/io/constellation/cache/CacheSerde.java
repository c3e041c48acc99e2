package io.constellation.cache;

/**
 * Turns cached values into bytes and back, for distributed {@link CacheBackend}s (Redis,
 * memcached). The engine caches module results as {@code Map<String, CValue>}.
 *
 * <p>Thread-safety: implementations must be thread-safe. Methods do no I/O and do not block.
 *
 * <p>Failure: {@link #encode} throws {@link IllegalArgumentException} for a value it cannot
 * represent; {@link #decode} throws {@link io.constellation.CodecException} for bytes it cannot
 * read (a backend then treats the entry as a miss and deletes it).
 */
public interface CacheSerde {

  /**
   * The bytes of {@code value}.
   *
   * @throws IllegalArgumentException if the value's type is not supported
   */
  byte[] encode(Object value);

  /**
   * The value encoded in {@code bytes}.
   *
   * @throws io.constellation.CodecException if the bytes are not a value this serde wrote
   */
  Object decode(byte[] bytes);

  /**
   * A UTF-8 JSON serde with a versioned envelope ({@code {"v":1,"value":..}}). It handles {@code
   * Map<String, CValue>} (what the engine caches), a single {@code CValue} (tagged JSON), {@code
   * String}, {@code Long}, {@code Integer}, {@code Double}, {@code Boolean}, and {@code List}s and
   * {@code Map}s of those, nested. Decoding restores the same Java types (maps keep their order and
   * are unmodifiable).
   */
  static CacheSerde json() {
    return JsonCacheSerde.INSTANCE;
  }
}
