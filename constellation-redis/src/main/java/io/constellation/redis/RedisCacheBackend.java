package io.constellation.redis;

import static java.util.Objects.requireNonNull;

import io.constellation.cache.CacheBackend;
import io.constellation.cache.CacheEntry;
import io.constellation.cache.CacheSerde;
import io.constellation.cache.CacheStats;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A {@link CacheBackend} on Redis through Lettuce.
 *
 * <p><b>Key layout:</b> every entry lives under {@code keyPrefix + key} (default prefix {@value
 * #DEFAULT_KEY_PREFIX}) as one string value: {@code c1|<createdAtMillis>|<ttlMillis>|<payload>},
 * where the payload is the value encoded by {@link CacheSerde} (default {@link CacheSerde#json()}).
 *
 * <p><b>TTL</b> is enforced by the server ({@code SET key value PX ttl}, milliseconds rounded up);
 * the client clock is only used to stamp {@code createdAt}, and {@code expiresAt = createdAt +
 * ttl}.
 *
 * <p><b>clear</b> deletes only keys under this backend's prefix, found with {@code SCAN MATCH
 * prefix*} and removed with {@code UNLINK} in batches; it never uses {@code KEYS} or {@code
 * FLUSHALL}. Keys written concurrently with a clear may survive it.
 *
 * <p><b>Statistics:</b> {@code hits}, {@code misses} and {@code evictions} are counted by this
 * instance only (other processes sharing the prefix are not seen). {@code evictions} counts entries
 * this instance discarded because they could not be decoded; expiries and evictions done by the
 * server are invisible to the client. {@code size} is best-effort: a {@code SCAN} count of the keys
 * under the prefix at the time of the call (O(keys in the database)); {@code maxSize} is empty.
 *
 * <p><b>Failures:</b> driver errors and command timeouts (default {@value
 * #DEFAULT_COMMAND_TIMEOUT_MILLIS} ms, see {@link Builder#commandTimeout}) are thrown as {@link
 * CacheException} with the driver's exception as the cause. An entry that cannot be decoded is
 * reported as a miss and deleted.
 *
 * <p><b>Thread-safety:</b> safe for concurrent use; all calls share one thread-safe Lettuce
 * connection. <b>Blocking:</b> every method blocks for at most about the command timeout per Redis
 * round-trip ({@link #clear} and {@link #stats} make one round-trip per SCAN batch).
 *
 * <p>Close the backend to close a connection it opened itself; a connection passed in by the caller
 * is left open.
 */
public final class RedisCacheBackend implements CacheBackend, AutoCloseable {
  /** Default key prefix. */
  public static final String DEFAULT_KEY_PREFIX = "constellation:cache:";

  /** Default per-command timeout in milliseconds. */
  public static final long DEFAULT_COMMAND_TIMEOUT_MILLIS = 1000;

  private static final String FORMAT = "c1";
  private static final RedisCodec<String, byte[]> CODEC =
      RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
  private static final int SCAN_BATCH = 500;

  private final StatefulRedisConnection<String, byte[]> connection;
  private final boolean ownsConnection;
  private final RedisAsyncCommands<String, byte[]> redis;
  private final String prefix;
  private final Duration timeout;
  private final CacheSerde serde;
  private final Clock clock;
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder evictions = new LongAdder();

  /**
   * A backend with the default settings on a new connection opened from {@code client}.
   *
   * @throws CacheException when the connection cannot be opened
   */
  public RedisCacheBackend(RedisClient client) {
    this(builder(client));
  }

  /**
   * A backend with the default settings on {@code connection} (not closed by {@link #close}); the
   * connection must use a {@code String} key / {@code byte[]} value codec.
   */
  public RedisCacheBackend(StatefulRedisConnection<String, byte[]> connection) {
    this(builder(connection));
  }

  private RedisCacheBackend(Builder b) {
    if (b.connection != null) {
      this.connection = b.connection;
      this.ownsConnection = false;
    } else {
      try {
        this.connection = b.client.connect(CODEC);
      } catch (RuntimeException e) {
        throw new CacheException("could not connect to Redis: " + e.getMessage(), e);
      }
      this.ownsConnection = true;
    }
    this.redis = connection.async();
    this.prefix = b.keyPrefix;
    this.timeout = b.commandTimeout;
    this.serde = b.serde;
    this.clock = b.clock;
  }

  /** A builder for a backend that opens its own connection from {@code client}. */
  public static Builder builder(RedisClient client) {
    return new Builder(requireNonNull(client, "client"), null);
  }

  /** A builder for a backend on an existing {@code connection} (which it will not close). */
  public static Builder builder(StatefulRedisConnection<String, byte[]> connection) {
    return new Builder(null, requireNonNull(connection, "connection"));
  }

  /** The key prefix in use. */
  public String keyPrefix() {
    return prefix;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <A> Optional<CacheEntry<A>> get(String key) {
    requireNonNull(key, "key");
    String redisKey = prefix + key;
    byte[] raw = call(redis.get(redisKey), "GET");
    if (raw == null) {
      misses.increment();
      return Optional.empty();
    }
    CacheEntry<A> entry;
    try {
      entry = (CacheEntry<A>) decode(raw);
    } catch (RuntimeException e) {
      // undecodable (corrupt, foreign or older format): a miss, and remove it so it is recomputed
      misses.increment();
      evictions.increment();
      call(redis.del(redisKey), "DEL");
      return Optional.empty();
    }
    hits.increment();
    return Optional.of(entry);
  }

  @Override
  public <A> void set(String key, A value, Duration ttl) {
    requireNonNull(key, "key");
    requireNonNull(value, "value");
    requireNonNull(ttl, "ttl");
    if (ttl.isZero() || ttl.isNegative()) {
      throw new IllegalArgumentException("ttl must be > 0, was " + ttl);
    }
    long ttlMs = RedisCalls.millisCeil(ttl);
    byte[] payload = serde.encode(value);
    byte[] header =
        (FORMAT + '|' + clock.millis() + '|' + ttlMs + '|').getBytes(StandardCharsets.US_ASCII);
    byte[] raw = Arrays.copyOf(header, header.length + payload.length);
    System.arraycopy(payload, 0, raw, header.length, payload.length);
    call(redis.set(prefix + key, raw, SetArgs.Builder.px(ttlMs)), "SET");
  }

  @Override
  public boolean delete(String key) {
    requireNonNull(key, "key");
    Long n = call(redis.del(prefix + key), "DEL");
    return n != null && n > 0;
  }

  @Override
  public void clear() {
    ScanArgs args = ScanArgs.Builder.matches(RedisCalls.matchAll(prefix)).limit(SCAN_BATCH);
    ScanCursor cursor = ScanCursor.INITIAL;
    do {
      KeyScanCursor<String> page = call(redis.scan(cursor, args), "SCAN");
      List<String> keys = page.getKeys();
      if (!keys.isEmpty()) {
        call(redis.unlink(keys.toArray(String[]::new)), "UNLINK");
      }
      cursor = page;
    } while (!cursor.isFinished());
  }

  @Override
  public CacheStats stats() {
    long size = 0;
    ScanArgs args = ScanArgs.Builder.matches(RedisCalls.matchAll(prefix)).limit(SCAN_BATCH);
    ScanCursor cursor = ScanCursor.INITIAL;
    do {
      KeyScanCursor<String> page = call(redis.scan(cursor, args), "SCAN");
      size += page.getKeys().size();
      cursor = page;
    } while (!cursor.isFinished());
    return new CacheStats(hits.sum(), misses.sum(), evictions.sum(), size, OptionalLong.empty());
  }

  @Override
  public String name() {
    return "redis";
  }

  /** Closes the connection if this backend opened it. */
  @Override
  public void close() {
    if (ownsConnection) {
      connection.close();
    }
  }

  private CacheEntry<Object> decode(byte[] raw) {
    int a = indexOf(raw, 0);
    int b = a < 0 ? -1 : indexOf(raw, a + 1);
    int c = b < 0 ? -1 : indexOf(raw, b + 1);
    String header = c < 0 ? "" : new String(raw, 0, c, StandardCharsets.US_ASCII);
    if (c < 0 || !FORMAT.equals(header.substring(0, a))) {
      throw new IllegalArgumentException("not a constellation cache entry");
    }
    long createdAt = Long.parseLong(header, a + 1, b, 10);
    long ttlMs = Long.parseLong(header, b + 1, c, 10);
    Object value = serde.decode(Arrays.copyOfRange(raw, c + 1, raw.length));
    Instant created = Instant.ofEpochMilli(createdAt);
    return new CacheEntry<>(value, created, created.plusMillis(ttlMs));
  }

  /** Index of the next '|' at or after {@code from} within the header (first 64 bytes), or -1. */
  private static int indexOf(byte[] raw, int from) {
    for (int i = from; i < Math.min(raw.length, 64); i++) {
      if (raw[i] == '|') {
        return i;
      }
    }
    return -1;
  }

  private <T> T call(RedisFuture<T> future, String what) {
    return RedisCalls.await(future, timeout, what, CacheException::new);
  }

  /** Settings for a {@link RedisCacheBackend}. Not thread-safe; use from one thread. */
  public static final class Builder {
    private final RedisClient client;
    private final StatefulRedisConnection<String, byte[]> connection;
    private String keyPrefix = DEFAULT_KEY_PREFIX;
    private Duration commandTimeout = Duration.ofMillis(DEFAULT_COMMAND_TIMEOUT_MILLIS);
    private CacheSerde serde = CacheSerde.json();
    private Clock clock = Clock.systemUTC();

    private Builder(RedisClient client, StatefulRedisConnection<String, byte[]> connection) {
      this.client = client;
      this.connection = connection;
    }

    /** The prefix of every key this backend writes, reads and clears (non-empty). */
    public Builder keyPrefix(String keyPrefix) {
      requireNonNull(keyPrefix, "keyPrefix");
      if (keyPrefix.isEmpty()) {
        throw new IllegalArgumentException(
            "keyPrefix must not be empty (clear would delete every key in the database)");
      }
      this.keyPrefix = keyPrefix;
      return this;
    }

    /** How long one Redis command may take before it fails with a {@link CacheException}. */
    public Builder commandTimeout(Duration commandTimeout) {
      requireNonNull(commandTimeout, "commandTimeout");
      if (commandTimeout.isZero() || commandTimeout.isNegative()) {
        throw new IllegalArgumentException("commandTimeout must be > 0, was " + commandTimeout);
      }
      this.commandTimeout = commandTimeout;
      return this;
    }

    /** How values are encoded (default {@link CacheSerde#json()}). */
    public Builder serde(CacheSerde serde) {
      this.serde = requireNonNull(serde, "serde");
      return this;
    }

    /** The clock that stamps {@code createdAt} (expiry itself is the server's). */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the backend.
     *
     * @throws CacheException when it must open a connection and cannot
     */
    public RedisCacheBackend build() {
      return new RedisCacheBackend(this);
    }
  }
}
