package io.constellation.redis;

import static java.util.Objects.requireNonNull;

import io.constellation.ClaimLostException;
import io.constellation.StoreException;
import io.constellation.SuspensionStore;
import io.constellation.suspension.ResumeClaim;
import io.constellation.suspension.SuspendedExecution;
import io.constellation.suspension.SuspensionCodec;
import io.constellation.suspension.SuspensionFilter;
import io.constellation.suspension.SuspensionHandle;
import io.constellation.suspension.SuspensionSummary;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A {@link SuspensionStore} on Redis through Lettuce, shareable by many engines.
 *
 * <p><b>Key layout</b> (prefix default {@value #DEFAULT_KEY_PREFIX}):
 *
 * <ul>
 *   <li>{@code <p>data:<id>}: hash with {@code body} (the {@link SuspensionCodec} JSON), {@code
 *       structuralHash}, {@code executionId}, {@code resumptionCount}, {@code createdAt} (epoch
 *       ms);
 *   <li>{@code <p>idx:created}: sorted set of ids scored by {@code createdAt} (listing order);
 *   <li>{@code <p>idx:hash:<structuralHash>} and {@code <p>idx:exec:<executionId>}: sets of ids;
 *   <li>{@code <p>claim:<id>}: the resume claim's token, with the lease as the key's TTL.
 * </ul>
 *
 * <p>{@link #save}, {@link #replace} and {@link #delete} change the data and all indexes in one Lua
 * script, so they are atomic and the indexes never disagree with the data. {@link #list} reads the
 * narrowest index for the filter (execution id, then structural hash, then the creation order),
 * filters resumption counts on the hash field and decodes only the matches; it never scans the key
 * space. The scripts compute index key names from the prefix, so the store supports standalone
 * Redis (and Sentinel), not Redis Cluster.
 *
 * <p><b>Claims and fencing:</b> {@link #claim} is {@code SET <p>claim:<id> <random token> NX PX
 * <lease>}: at most one live claim per handle across every process sharing the server; the lease is
 * enforced by the server, so a crashed holder blocks the suspension for at most one lease. {@link
 * #release} deletes the claim only if it still holds the caller's token (Lua compare-and-delete),
 * so a holder whose lease expired cannot release a newer holder's claim. {@link #renew} is a Lua
 * compare-and-{@code PEXPIRE} on the claim key. The claim-taking {@link #replace(SuspensionHandle,
 * SuspendedExecution, ResumeClaim)} and {@link #delete(SuspensionHandle, ResumeClaim)} (and their
 * boolean forms {@link #replaceIfClaimed} / {@link #deleteIfClaimed}) check the claim's token
 * inside the same Lua script as the write, so they write only while the claim is the live one; the
 * engine uses them for a resume's final write. The claim-less {@link #replace(SuspensionHandle,
 * SuspendedExecution)} and {@link #delete(SuspensionHandle)} are not blocked by a claim; {@code
 * delete} also drops any claim.
 *
 * <p><b>Failures:</b> driver errors, timeouts (default {@value #DEFAULT_COMMAND_TIMEOUT_MILLIS} ms
 * per command) and undecodable stored data are thrown as {@link StoreException} with the cause
 * kept; a failed script leaves the store unchanged.
 *
 * <p><b>Thread-safety:</b> safe for concurrent use; calls share one thread-safe Lettuce connection
 * and never hold a lock. <b>Blocking:</b> every method blocks on Redis round-trips.
 */
public final class RedisSuspensionStore implements SuspensionStore, AutoCloseable {
  /** Default key prefix. */
  public static final String DEFAULT_KEY_PREFIX = "constellation:suspension:";

  /** Default per-command timeout in milliseconds. */
  public static final long DEFAULT_COMMAND_TIMEOUT_MILLIS = 5000;

  // KEYS[1] data key; ARGV: id, body, structuralHash, executionId, resumptionCount, createdAt,
  // prefix, mode (save | replace | fenced), claim token (fenced only)
  private static final String UPSERT =
      """
      local data = KEYS[1]
      local id, p, mode = ARGV[1], ARGV[7], ARGV[8]
      if mode == 'save' and redis.call('EXISTS', data) == 1 then return 0 end
      if mode == 'fenced' and redis.call('GET', p .. 'claim:' .. id) ~= ARGV[9] then return 0 end
      local old = redis.call('HMGET', data, 'structuralHash', 'executionId')
      if old[1] then redis.call('SREM', p .. 'idx:hash:' .. old[1], id) end
      if old[2] then redis.call('SREM', p .. 'idx:exec:' .. old[2], id) end
      redis.call('DEL', data)
      redis.call('HSET', data, 'body', ARGV[2], 'structuralHash', ARGV[3],
        'executionId', ARGV[4], 'resumptionCount', ARGV[5], 'createdAt', ARGV[6])
      redis.call('ZADD', p .. 'idx:created', ARGV[6], id)
      redis.call('SADD', p .. 'idx:hash:' .. ARGV[3], id)
      redis.call('SADD', p .. 'idx:exec:' .. ARGV[4], id)
      return 1
      """;

  // KEYS[1] data key; ARGV: id, prefix, mode (plain | fenced), claim token (fenced only)
  private static final String DELETE =
      """
      local data = KEYS[1]
      local id, p, mode = ARGV[1], ARGV[2], ARGV[3]
      local claim = p .. 'claim:' .. id
      if mode == 'fenced' and redis.call('GET', claim) ~= ARGV[4] then return -1 end
      local old = redis.call('HMGET', data, 'structuralHash', 'executionId')
      if old[1] then redis.call('SREM', p .. 'idx:hash:' .. old[1], id) end
      if old[2] then redis.call('SREM', p .. 'idx:exec:' .. old[2], id) end
      redis.call('ZREM', p .. 'idx:created', id)
      redis.call('DEL', claim)
      return redis.call('DEL', data)
      """;

  // KEYS[1] claim key; ARGV[1] token
  private static final String RELEASE =
      """
      if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
      return 0
      """;

  // KEYS[1] claim key; ARGV[1] token, ARGV[2] lease ms
  private static final String RENEW =
      """
      if redis.call('GET', KEYS[1]) == ARGV[1] then
        return redis.call('PEXPIRE', KEYS[1], ARGV[2])
      end
      return 0
      """;

  private final StatefulRedisConnection<String, String> connection;
  private final boolean ownsConnection;
  private final RedisAsyncCommands<String, String> redis;
  private final String prefix;
  private final Duration timeout;
  private final Clock clock;

  /**
   * A store with the default settings on a new connection opened from {@code client}.
   *
   * @throws StoreException when the connection cannot be opened
   */
  public RedisSuspensionStore(RedisClient client) {
    this(builder(client));
  }

  /** A store with the default settings on {@code connection} (not closed by {@link #close}). */
  public RedisSuspensionStore(StatefulRedisConnection<String, String> connection) {
    this(builder(connection));
  }

  private RedisSuspensionStore(Builder b) {
    if (b.connection != null) {
      this.connection = b.connection;
      this.ownsConnection = false;
    } else {
      try {
        this.connection = b.client.connect();
      } catch (RuntimeException e) {
        throw new StoreException("could not connect to Redis: " + e.getMessage(), e);
      }
      this.ownsConnection = true;
    }
    this.redis = connection.async();
    this.prefix = b.keyPrefix;
    this.timeout = b.commandTimeout;
    this.clock = b.clock;
  }

  /** A builder for a store that opens its own connection from {@code client}. */
  public static Builder builder(RedisClient client) {
    return new Builder(requireNonNull(client, "client"), null);
  }

  /** A builder for a store on an existing {@code connection} (which it will not close). */
  public static Builder builder(StatefulRedisConnection<String, String> connection) {
    return new Builder(null, requireNonNull(connection, "connection"));
  }

  @Override
  public SuspensionHandle save(SuspendedExecution execution) {
    requireNonNull(execution, "execution");
    String body = encode(execution);
    while (true) {
      SuspensionHandle handle = new SuspensionHandle(UUID.randomUUID().toString());
      if (upsert(handle, execution, body, "save", "") == 1L) {
        return handle;
      }
      // a random UUID collided with an existing id: draw another
    }
  }

  /** Replaces the suspension under {@code handle} in place (creating it when absent). */
  @Override
  public SuspensionHandle replace(SuspensionHandle handle, SuspendedExecution execution) {
    requireNonNull(handle, "handle");
    requireNonNull(execution, "execution");
    upsert(handle, execution, encode(execution), "replace", "");
    return handle;
  }

  /**
   * Replaces the suspension under {@code claim.handle()} only while {@code claim} is the live claim
   * on it (fenced write). Returns whether it was written.
   */
  public boolean replaceIfClaimed(ResumeClaim claim, SuspendedExecution execution) {
    requireNonNull(claim, "claim");
    requireNonNull(execution, "execution");
    return upsert(claim.handle(), execution, encode(execution), "fenced", claim.token()) == 1L;
  }

  @Override
  public Optional<SuspendedExecution> load(SuspensionHandle handle) {
    requireNonNull(handle, "handle");
    String body = call(redis.hget(dataKey(handle.id()), "body"), "HGET");
    return body == null ? Optional.empty() : Optional.of(decode(handle.id(), body));
  }

  @Override
  public boolean delete(SuspensionHandle handle) {
    requireNonNull(handle, "handle");
    Long n = deleteScript(handle.id(), "plain", "");
    return n != null && n > 0;
  }

  /**
   * Deletes the suspension under {@code claim.handle()} only while {@code claim} is the live claim
   * on it (fenced delete). Returns whether the claim was live (and the suspension, if present, is
   * now gone).
   */
  public boolean deleteIfClaimed(ResumeClaim claim) {
    requireNonNull(claim, "claim");
    Long n = deleteScript(claim.handle().id(), "fenced", claim.token());
    return n != null && n >= 0;
  }

  @Override
  public List<SuspensionSummary> list(SuspensionFilter filter) {
    requireNonNull(filter, "filter");
    List<String> ids = candidates(filter);
    if (ids.isEmpty()) {
      return List.of();
    }
    List<RedisFuture<List<KeyValue<String, String>>>> rows = new ArrayList<>(ids.size());
    for (String id : ids) {
      rows.add(redis.hmget(dataKey(id), "resumptionCount", "body"));
    }
    List<SuspensionSummary> out = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      List<KeyValue<String, String>> row = call(rows.get(i), "HMGET");
      if (!row.get(0).hasValue() || !row.get(1).hasValue()) {
        continue; // deleted since the index was read
      }
      int count = Integer.parseInt(row.get(0).getValue());
      if (filter.minResumptionCount().map(min -> count < min).orElse(false)
          || filter.maxResumptionCount().map(max -> count > max).orElse(false)) {
        continue;
      }
      String id = ids.get(i);
      SuspensionSummary s = decode(id, row.get(1).getValue()).summary(new SuspensionHandle(id));
      if (filter.matches(s)) {
        out.add(s);
      }
    }
    out.sort(
        Comparator.comparing(SuspensionSummary::createdAt).thenComparing(s -> s.handle().id()));
    return out;
  }

  @Override
  public Optional<ResumeClaim> claim(SuspensionHandle handle, Duration lease) {
    requireNonNull(handle, "handle");
    requireNonNull(lease, "lease");
    if (lease.isZero() || lease.isNegative()) {
      throw new IllegalArgumentException("lease must be > 0, was " + lease);
    }
    long leaseMs = RedisCalls.millisCeil(lease);
    String token = UUID.randomUUID().toString();
    var start = clock.instant();
    String ok =
        call(
            redis.set(claimKey(handle.id()), token, SetArgs.Builder.nx().px(leaseMs)), "SET NX PX");
    if (!"OK".equals(ok)) {
      return Optional.empty();
    }
    return Optional.of(new ResumeClaim(handle, token, start.plusMillis(leaseMs)));
  }

  @Override
  public void release(ResumeClaim claim) {
    requireNonNull(claim, "claim");
    // 0 when the claim expired or is someone else's now: release is then a no-op
    call(
        redis.<Long>eval(
            RELEASE,
            ScriptOutputType.INTEGER,
            new String[] {claimKey(claim.handle().id())},
            claim.token()),
        "EVAL release");
  }

  /**
   * Extends the claim's key to {@code lease} from now if it still holds the claim's token (Lua
   * compare-and-{@code PEXPIRE}); empty when the key expired, was released, taken over or deleted
   * with the suspension.
   */
  @Override
  public Optional<ResumeClaim> renew(ResumeClaim claim, Duration lease) {
    requireNonNull(claim, "claim");
    requireNonNull(lease, "lease");
    if (lease.isZero() || lease.isNegative()) {
      throw new IllegalArgumentException("lease must be > 0, was " + lease);
    }
    long leaseMs = RedisCalls.millisCeil(lease);
    var start = clock.instant();
    Long renewed =
        call(
            redis.<Long>eval(
                RENEW,
                ScriptOutputType.INTEGER,
                new String[] {claimKey(claim.handle().id())},
                claim.token(),
                Long.toString(leaseMs)),
            "EVAL renew");
    return renewed != null && renewed == 1L
        ? Optional.of(new ResumeClaim(claim.handle(), claim.token(), start.plusMillis(leaseMs)))
        : Optional.empty();
  }

  /**
   * {@link #replaceIfClaimed} for the SPI: throws {@link ClaimLostException} instead of returning
   * false.
   */
  @Override
  public SuspensionHandle replace(
      SuspensionHandle handle, SuspendedExecution execution, ResumeClaim claim) {
    requireNonNull(handle, "handle");
    requireNonNull(execution, "execution");
    requireSameHandle(handle, claim);
    if (!replaceIfClaimed(claim, execution)) {
      throw new ClaimLostException(handle);
    }
    return handle;
  }

  /**
   * {@link #deleteIfClaimed} for the SPI: throws {@link ClaimLostException} when the claim is not
   * live; returns whether the suspension existed.
   */
  @Override
  public boolean delete(SuspensionHandle handle, ResumeClaim claim) {
    requireNonNull(handle, "handle");
    requireSameHandle(handle, claim);
    Long n = deleteScript(handle.id(), "fenced", claim.token());
    if (n == null || n < 0) {
      throw new ClaimLostException(handle);
    }
    return n > 0;
  }

  private static void requireSameHandle(SuspensionHandle handle, ResumeClaim claim) {
    requireNonNull(claim, "claim");
    if (!claim.handle().equals(handle)) {
      throw new IllegalArgumentException(
          "the claim is on '" + claim.handle() + "', not on '" + handle + "'");
    }
  }

  /** Closes the connection if this store opened it. */
  @Override
  public void close() {
    if (ownsConnection) {
      connection.close();
    }
  }

  private List<String> candidates(SuspensionFilter filter) {
    if (filter.executionId().isPresent() && filter.structuralHash().isPresent()) {
      Set<String> ids =
          call(
              redis.sinter(
                  prefix + "idx:exec:" + filter.executionId().get(),
                  prefix + "idx:hash:" + filter.structuralHash().get()),
              "SINTER");
      return new ArrayList<>(ids);
    }
    if (filter.executionId().isPresent()) {
      return new ArrayList<>(
          call(redis.smembers(prefix + "idx:exec:" + filter.executionId().get()), "SMEMBERS"));
    }
    if (filter.structuralHash().isPresent()) {
      return new ArrayList<>(
          call(redis.smembers(prefix + "idx:hash:" + filter.structuralHash().get()), "SMEMBERS"));
    }
    return call(redis.zrange(prefix + "idx:created", 0, -1), "ZRANGE");
  }

  private long upsert(
      SuspensionHandle handle, SuspendedExecution e, String body, String mode, String token) {
    Long r =
        call(
            redis.<Long>eval(
                UPSERT,
                ScriptOutputType.INTEGER,
                new String[] {dataKey(handle.id())},
                handle.id(),
                body,
                e.structuralHash(),
                e.executionId().toString(),
                Integer.toString(e.resumptionCount()),
                Long.toString(e.createdAt().toEpochMilli()),
                prefix,
                mode,
                token),
            "EVAL upsert");
    return r == null ? 0 : r;
  }

  private Long deleteScript(String id, String mode, String token) {
    return call(
        redis.<Long>eval(
            DELETE, ScriptOutputType.INTEGER, new String[] {dataKey(id)}, id, prefix, mode, token),
        "EVAL delete");
  }

  private String encode(SuspendedExecution execution) {
    try {
      return SuspensionCodec.toJson(execution);
    } catch (RuntimeException e) {
      throw new StoreException("could not encode suspension: " + e.getMessage(), e);
    }
  }

  private SuspendedExecution decode(String id, String body) {
    try {
      return SuspensionCodec.fromJson(body);
    } catch (RuntimeException e) {
      throw new StoreException(
          "stored suspension " + id + " could not be decoded: " + e.getMessage(), e);
    }
  }

  private String dataKey(String id) {
    return prefix + "data:" + id;
  }

  private String claimKey(String id) {
    return prefix + "claim:" + id;
  }

  private <T> T call(RedisFuture<T> future, String what) {
    return RedisCalls.await(future, timeout, what, StoreException::new);
  }

  /** Settings for a {@link RedisSuspensionStore}. Not thread-safe; use from one thread. */
  public static final class Builder {
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private String keyPrefix = DEFAULT_KEY_PREFIX;
    private Duration commandTimeout = Duration.ofMillis(DEFAULT_COMMAND_TIMEOUT_MILLIS);
    private Clock clock = Clock.systemUTC();

    private Builder(RedisClient client, StatefulRedisConnection<String, String> connection) {
      this.client = client;
      this.connection = connection;
    }

    /** The prefix of every key the store uses (non-empty). */
    public Builder keyPrefix(String keyPrefix) {
      requireNonNull(keyPrefix, "keyPrefix");
      if (keyPrefix.isEmpty()) {
        throw new IllegalArgumentException("keyPrefix must not be empty");
      }
      this.keyPrefix = keyPrefix;
      return this;
    }

    /** How long one Redis command may take before it fails with a {@link StoreException}. */
    public Builder commandTimeout(Duration commandTimeout) {
      requireNonNull(commandTimeout, "commandTimeout");
      if (commandTimeout.isZero() || commandTimeout.isNegative()) {
        throw new IllegalArgumentException("commandTimeout must be > 0, was " + commandTimeout);
      }
      this.commandTimeout = commandTimeout;
      return this;
    }

    /**
     * The clock for claim expiry instants reported to callers (the lease itself is the server's).
     */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the store.
     *
     * @throws StoreException when it must open a connection and cannot
     */
    public RedisSuspensionStore build() {
      return new RedisSuspensionStore(this);
    }
  }
}
