package io.constellation.memcached;

import static java.util.Objects.requireNonNull;

import io.constellation.cache.CacheBackend;
import io.constellation.cache.CacheEntry;
import io.constellation.cache.CacheSerde;
import io.constellation.cache.CacheStats;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import net.spy.memcached.MemcachedClient;

/**
 * A {@link CacheBackend} on memcached through spymemcached.
 *
 * <p><b>Key layout:</b> an entry lives under {@code <prefix><generation>:k:<key>} when the key is
 * printable ASCII without spaces and the whole key fits memcached's 250-byte limit, otherwise under
 * {@code <prefix><generation>:h:<base64url(SHA-256(UTF-8 key))>}. The current generation is a
 * number stored under {@code <prefix>gen}. The value is {@code
 * c1|<createdAtMillis>|<ttlMillis>|<payload>} with the payload encoded by {@link CacheSerde}
 * (default {@link CacheSerde#json()}); values are limited by the server's item size (1 MiB by
 * default).
 *
 * <p><b>clear:</b> memcached cannot list keys, so {@link #clear} increments the generation; every
 * later operation (by any backend sharing the prefix) uses the new generation, and entries of old
 * generations are never read again and disappear by TTL or LRU. Each operation therefore costs two
 * round-trips (read the generation, then the entry). If the generation key itself is evicted, it is
 * re-created from the current time in milliseconds, which is larger than any generation used
 * before, so old entries do not come back.
 *
 * <p><b>TTL</b> is enforced by the server in whole seconds: the TTL is rounded <em>up</em> to whole
 * seconds, at least 1 s (e.g. 1500 ms → 2 s). memcached reads an expiry above 30 days as an
 * absolute Unix time, so longer TTLs are sent as {@code now + ttl} in epoch seconds (this one case
 * uses the client clock). Because memcached's clock ticks once a second, the server may drop an
 * entry up to one second before the rounded TTL; and the client never returns an entry past {@code
 * createdAt + ttl} (the requested, unrounded TTL), counting it as a miss.
 *
 * <p><b>Statistics:</b> {@code hits}, {@code misses} and {@code evictions} are counted by this
 * instance; {@code evictions} counts entries it found expired or undecodable. {@code size} is the
 * servers' {@code curr_items} total, an upper bound that includes other prefixes and old
 * generations (memcached cannot count a prefix); {@code maxSize} is empty.
 *
 * <p><b>Failures:</b> driver errors and operations slower than the timeout (default {@value
 * #DEFAULT_OPERATION_TIMEOUT_MILLIS} ms per round-trip) are thrown as {@link CacheException} with
 * the cause kept. An entry that cannot be decoded is a miss and is deleted.
 *
 * <p><b>Thread-safety:</b> safe for concurrent use (spymemcached's client is thread-safe).
 * <b>Blocking:</b> every method blocks on network round-trips, each bounded by the timeout.
 *
 * <p>{@link #close()} shuts the client down only if this backend was told it owns it ({@link
 * Builder#closeClientOnClose}).
 */
public final class MemcachedCacheBackend implements CacheBackend, AutoCloseable {
  /** Default key prefix. */
  public static final String DEFAULT_KEY_PREFIX = "constellation:cache:";

  /** Default per-operation timeout in milliseconds. */
  public static final long DEFAULT_OPERATION_TIMEOUT_MILLIS = 1000;

  /** Longest relative expiry memcached accepts; larger values are absolute Unix times. */
  static final long MAX_RELATIVE_EXPIRY_SECONDS = 60L * 60 * 24 * 30;

  private static final int MAX_KEY_BYTES = 250;
  private static final int MAX_PREFIX_LENGTH = 150;
  private static final String FORMAT = "c1";

  private final MemcachedClient client;
  private final boolean ownsClient;
  private final String prefix;
  private final String generationKey;
  private final Duration timeout;
  private final CacheSerde serde;
  private final Clock clock;
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder evictions = new LongAdder();

  /** A backend with the default settings on {@code client} (not shut down by {@link #close}). */
  public MemcachedCacheBackend(MemcachedClient client) {
    this(builder(client));
  }

  private MemcachedCacheBackend(Builder b) {
    this.client = b.client;
    this.ownsClient = b.ownsClient;
    this.prefix = b.keyPrefix;
    this.generationKey = b.keyPrefix + "gen";
    this.timeout = b.timeout;
    this.serde = b.serde;
    this.clock = b.clock;
  }

  /** A builder for a backend on {@code client}. */
  public static Builder builder(MemcachedClient client) {
    return new Builder(requireNonNull(client, "client"));
  }

  /**
   * The memcached expiry for {@code ttl}: whole seconds rounded up, at least 1; above 30 days, the
   * absolute Unix time {@code nowEpochSeconds + seconds}.
   */
  static int expiry(Duration ttl, long nowEpochSeconds) {
    long seconds = ttl.getSeconds() + (ttl.getNano() > 0 ? 1 : 0);
    seconds = Math.max(1, seconds);
    if (seconds <= MAX_RELATIVE_EXPIRY_SECONDS) {
      return (int) seconds;
    }
    long absolute = nowEpochSeconds + seconds;
    return (int) Math.min(absolute, Integer.MAX_VALUE);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <A> Optional<CacheEntry<A>> get(String key) {
    requireNonNull(key, "key");
    String mkey = dataKey(key);
    byte[] raw = await(client.asyncGet(mkey, RawBytesTranscoder.INSTANCE), "get");
    if (raw == null) {
      misses.increment();
      return Optional.empty();
    }
    CacheEntry<A> entry;
    try {
      entry = (CacheEntry<A>) decode(raw);
    } catch (RuntimeException e) {
      misses.increment();
      evictions.increment();
      await(client.delete(mkey), "delete");
      return Optional.empty();
    }
    if (entry.isExpired(clock.instant())) {
      // the server keeps it until its whole-second expiry; the requested TTL is over
      misses.increment();
      evictions.increment();
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
    long ttlMs = millisCeil(ttl);
    Instant now = clock.instant();
    byte[] payload = serde.encode(value);
    byte[] header =
        (FORMAT + '|' + now.toEpochMilli() + '|' + ttlMs + '|').getBytes(StandardCharsets.US_ASCII);
    byte[] raw = Arrays.copyOf(header, header.length + payload.length);
    System.arraycopy(payload, 0, raw, header.length, payload.length);
    int exp = expiry(ttl, now.getEpochSecond());
    Boolean ok = await(client.set(dataKey(key), exp, raw, RawBytesTranscoder.INSTANCE), "set");
    if (!Boolean.TRUE.equals(ok)) {
      throw new CacheException(
          "memcached refused to store the entry (" + raw.length + " bytes; too large?)");
    }
  }

  @Override
  public boolean delete(String key) {
    requireNonNull(key, "key");
    return Boolean.TRUE.equals(await(client.delete(dataKey(key)), "delete"));
  }

  /** Starts a new generation: every entry written before is no longer visible. */
  @Override
  public void clear() {
    Long next = await(client.asyncIncr(generationKey, 1L), "incr");
    if (next == null || next < 0) {
      // generation key missing: create it (already a new generation for everyone)
      currentGeneration();
    }
  }

  @Override
  public CacheStats stats() {
    long size = 0;
    try {
      for (Map<String, String> s : client.getStats().values()) {
        size += Long.parseLong(s.getOrDefault("curr_items", "0"));
      }
    } catch (RuntimeException e) {
      throw new CacheException("memcached stats failed: " + e.getMessage(), e);
    }
    return new CacheStats(hits.sum(), misses.sum(), evictions.sum(), size, OptionalLong.empty());
  }

  @Override
  public String name() {
    return "memcached";
  }

  /** The key prefix in use. */
  public String keyPrefix() {
    return prefix;
  }

  /** Shuts the client down if this backend owns it. */
  @Override
  public void close() {
    if (ownsClient) {
      client.shutdown(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** The memcached key of {@code key} in the current generation. */
  String dataKey(String key) {
    String base = prefix + currentGeneration() + ':';
    if (isPlain(key) && base.length() + 2 + key.length() <= MAX_KEY_BYTES) {
      return base + "k:" + key;
    }
    return base + "h:" + sha256(key);
  }

  /** Reads the generation, creating it from the current time when absent. */
  long currentGeneration() {
    for (int attempt = 0; attempt < 3; attempt++) {
      byte[] g = await(client.asyncGet(generationKey, RawBytesTranscoder.INSTANCE), "get");
      if (g != null) {
        try {
          return Long.parseLong(new String(g, StandardCharsets.US_ASCII).trim());
        } catch (NumberFormatException e) {
          throw new CacheException(
              "memcached generation key " + generationKey + " is not a number");
        }
      }
      byte[] initial = Long.toString(clock.millis()).getBytes(StandardCharsets.US_ASCII);
      await(client.add(generationKey, 0, initial, RawBytesTranscoder.INSTANCE), "add");
      // added by us or by a concurrent backend: read it back
    }
    throw new CacheException("memcached generation key " + generationKey + " keeps disappearing");
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

  private static int indexOf(byte[] raw, int from) {
    for (int i = from; i < Math.min(raw.length, 64); i++) {
      if (raw[i] == '|') {
        return i;
      }
    }
    return -1;
  }

  private static boolean isPlain(String key) {
    if (key.isEmpty()) {
      return false;
    }
    for (int i = 0; i < key.length(); i++) {
      char ch = key.charAt(i);
      if (ch <= 0x20 || ch >= 0x7f) {
        return false;
      }
    }
    return true;
  }

  private static String sha256(String key) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(md.digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  private static long millisCeil(Duration d) {
    try {
      long ms = d.toMillis();
      return Math.max(1, d.minusMillis(ms).isPositive() ? Math.addExact(ms, 1) : ms);
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE / 2;
    }
  }

  private <T> T await(Future<T> future, String what) {
    try {
      return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new CacheException(
          "memcached " + what + " timed out after " + timeout.toMillis() + " ms", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new CacheException("memcached " + what + " failed: " + cause.getMessage(), cause);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new CacheException("interrupted while waiting for memcached " + what, e);
    } catch (RuntimeException e) {
      throw new CacheException("memcached " + what + " failed: " + e.getMessage(), e);
    }
  }

  /** Settings for a {@link MemcachedCacheBackend}. Not thread-safe; use from one thread. */
  public static final class Builder {
    private final MemcachedClient client;
    private boolean ownsClient;
    private String keyPrefix = DEFAULT_KEY_PREFIX;
    private Duration timeout = Duration.ofMillis(DEFAULT_OPERATION_TIMEOUT_MILLIS);
    private CacheSerde serde = CacheSerde.json();
    private Clock clock = Clock.systemUTC();

    private Builder(MemcachedClient client) {
      this.client = client;
    }

    /**
     * The prefix of every key (1 to {@value #MAX_PREFIX_LENGTH} printable ASCII characters, no
     * spaces).
     */
    public Builder keyPrefix(String keyPrefix) {
      requireNonNull(keyPrefix, "keyPrefix");
      if (keyPrefix.isEmpty() || keyPrefix.length() > MAX_PREFIX_LENGTH || !isPlain(keyPrefix)) {
        throw new IllegalArgumentException(
            "keyPrefix must be 1.."
                + MAX_PREFIX_LENGTH
                + " printable ASCII characters without spaces, was \""
                + keyPrefix
                + "\"");
      }
      this.keyPrefix = keyPrefix;
      return this;
    }

    /** How long one memcached round-trip may take before it fails with a {@link CacheException}. */
    public Builder operationTimeout(Duration timeout) {
      requireNonNull(timeout, "operationTimeout");
      if (timeout.isZero() || timeout.isNegative()) {
        throw new IllegalArgumentException("operationTimeout must be > 0, was " + timeout);
      }
      this.timeout = timeout;
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

    /** Whether {@link MemcachedCacheBackend#close()} shuts the client down (default false). */
    public Builder closeClientOnClose(boolean owns) {
      this.ownsClient = owns;
      return this;
    }

    public MemcachedCacheBackend build() {
      return new MemcachedCacheBackend(this);
    }
  }
}
