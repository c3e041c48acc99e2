package io.constellation.impl;

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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The default suspension store: in memory, lost on restart. Claims are exclusive within this JVM.
 *
 * <p>Options (each {@code with*} method returns a new, empty store with the option set and the
 * others kept):
 *
 * <ul>
 *   <li>{@link #withClock(Clock)}: the clock for claim leases and TTL;
 *   <li>{@link #withTtl(Duration)}: a suspension expires {@code ttl} after it was saved (or
 *       replaced); an expired one is not loaded, listed, deleted or claimed, and is dropped lazily;
 *   <li>{@link #withCodecValidation()}: {@link #save} and {@link #replace} round-trip the
 *       suspension through {@link SuspensionCodec} and keep the decoded copy, so what is loaded is
 *       exactly what a persistent store would give back; a suspension the codec cannot write, or
 *       that does not read back equal, is rejected with a {@link StoreException} and nothing is
 *       stored.
 * </ul>
 *
 * <p>Claims are fencing: {@link #renew} and the claim-taking {@link #replace(SuspensionHandle,
 * SuspendedExecution, ResumeClaim)} / {@link #delete(SuspensionHandle, ResumeClaim)} check the
 * claim's token and lease (by the store's clock) and write atomically with the check.
 *
 * <p>Thread-safety: safe for concurrent use; never blocks (codec validation costs CPU only).
 */
public final class InMemorySuspensionStore implements SuspensionStore {
  private record Entry(SuspendedExecution execution, Instant savedAt) {}

  private final Map<SuspensionHandle, Entry> entries = new ConcurrentHashMap<>();
  private final Map<SuspensionHandle, ResumeClaim> claims = new ConcurrentHashMap<>();
  private final Clock clock;
  private final Optional<Duration> ttl;
  private final boolean validateCodec;

  /** An empty store on the UTC clock, without TTL or codec validation. */
  public InMemorySuspensionStore() {
    this(Clock.systemUTC(), Optional.empty(), false);
  }

  private InMemorySuspensionStore(Clock clock, Optional<Duration> ttl, boolean validateCodec) {
    this.clock = requireNonNull(clock, "clock");
    this.ttl = ttl;
    this.validateCodec = validateCodec;
  }

  /** A new, empty store that reads time (claim leases, TTL) from {@code clock}. */
  public InMemorySuspensionStore withClock(Clock clock) {
    return new InMemorySuspensionStore(requireNonNull(clock, "clock"), ttl, validateCodec);
  }

  /**
   * A new, empty store whose suspensions expire {@code ttl} after they were saved or replaced.
   *
   * @throws IllegalArgumentException when {@code ttl} is not positive
   */
  public InMemorySuspensionStore withTtl(Duration ttl) {
    requireNonNull(ttl, "ttl");
    if (ttl.isZero() || ttl.isNegative()) {
      throw new IllegalArgumentException("ttl must be > 0, was " + ttl);
    }
    return new InMemorySuspensionStore(clock, Optional.of(ttl), validateCodec);
  }

  /** A new, empty store that round-trips every saved suspension through {@link SuspensionCodec}. */
  public InMemorySuspensionStore withCodecValidation() {
    return new InMemorySuspensionStore(clock, ttl, true);
  }

  /** The TTL of saved suspensions, if any. */
  public Optional<Duration> ttl() {
    return ttl;
  }

  /** Whether saves are validated through {@link SuspensionCodec}. */
  public boolean validatesCodec() {
    return validateCodec;
  }

  @Override
  public SuspensionHandle save(SuspendedExecution execution) {
    requireNonNull(execution, "execution");
    Entry entry = new Entry(checked(execution), clock.instant());
    SuspensionHandle handle = new SuspensionHandle(UUID.randomUUID().toString());
    entries.put(handle, entry);
    return handle;
  }

  @Override
  public SuspensionHandle replace(SuspensionHandle handle, SuspendedExecution execution) {
    requireNonNull(handle, "handle");
    requireNonNull(execution, "execution");
    entries.put(handle, new Entry(checked(execution), clock.instant()));
    return handle;
  }

  private SuspendedExecution checked(SuspendedExecution execution) {
    if (!validateCodec) {
      return execution;
    }
    SuspendedExecution decoded;
    try {
      decoded = SuspensionCodec.fromJson(SuspensionCodec.toJson(execution));
    } catch (RuntimeException e) {
      throw new StoreException(
          "suspension of execution "
              + execution.executionId()
              + " cannot be serialized: "
              + e.getMessage(),
          e);
    }
    if (!decoded.equals(execution)) {
      throw new StoreException(
          "suspension of execution "
              + execution.executionId()
              + " does not read back equal through SuspensionCodec (differs in: "
              + String.join(", ", differences(execution, decoded))
              + ")");
    }
    return decoded;
  }

  private static List<String> differences(SuspendedExecution a, SuspendedExecution b) {
    List<String> out = new ArrayList<>();
    if (!a.image().equals(b.image())) {
      out.add("image");
    }
    a.inputs()
        .forEach(
            (k, v) -> {
              if (!v.equals(b.inputs().get(k))) {
                out.add("inputs." + k);
              }
            });
    a.computedValues()
        .forEach(
            (k, v) -> {
              if (!v.equals(b.computedValues().get(k))) {
                out.add("computedValues." + k);
              }
            });
    if (!a.missingInputs().equals(b.missingInputs())) {
      out.add("missingInputs");
    }
    if (!a.createdAt().equals(b.createdAt()) || !a.lastResumedAt().equals(b.lastResumedAt())) {
      out.add("timestamps");
    }
    if (out.isEmpty()) {
      out.add("the record as a whole");
    }
    return out;
  }

  private boolean expired(Entry e, Instant now) {
    return ttl.isPresent() && !now.isBefore(e.savedAt().plus(ttl.get()));
  }

  /** The live entry, dropping it when it expired. */
  private Optional<Entry> live(SuspensionHandle handle) {
    Entry e = entries.get(handle);
    if (e == null) {
      return Optional.empty();
    }
    if (expired(e, clock.instant())) {
      if (entries.remove(handle, e)) {
        claims.remove(handle);
      }
      return Optional.empty();
    }
    return Optional.of(e);
  }

  @Override
  public Optional<SuspendedExecution> load(SuspensionHandle handle) {
    return live(requireNonNull(handle, "handle")).map(Entry::execution);
  }

  @Override
  public boolean delete(SuspensionHandle handle) {
    requireNonNull(handle, "handle");
    Optional<Entry> e = live(handle);
    if (e.isEmpty()) {
      return false;
    }
    claims.remove(handle);
    return entries.remove(handle, e.get());
  }

  @Override
  public List<SuspensionSummary> list(SuspensionFilter filter) {
    requireNonNull(filter, "filter");
    Instant now = clock.instant();
    List<SuspensionSummary> out = new ArrayList<>();
    entries.forEach(
        (h, e) -> {
          if (expired(e, now)) {
            if (entries.remove(h, e)) {
              claims.remove(h);
            }
            return;
          }
          SuspensionSummary s = e.execution().summary(h);
          if (filter.matches(s)) {
            out.add(s);
          }
        });
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
    Instant now = clock.instant();
    ResumeClaim mine = new ResumeClaim(handle, UUID.randomUUID().toString(), now.plus(lease));
    // pure in-memory update, no I/O inside the lambda
    ResumeClaim winner =
        claims.compute(
            handle,
            (h, current) -> current == null || !current.expiresAt().isAfter(now) ? mine : current);
    return winner == mine ? Optional.of(mine) : Optional.empty();
  }

  @Override
  public void release(ResumeClaim claim) {
    requireNonNull(claim, "claim");
    claims.computeIfPresent(
        claim.handle(), (h, current) -> current.token().equals(claim.token()) ? null : current);
  }

  @Override
  public Optional<ResumeClaim> renew(ResumeClaim claim, Duration lease) {
    requireNonNull(claim, "claim");
    requireNonNull(lease, "lease");
    if (lease.isZero() || lease.isNegative()) {
      throw new IllegalArgumentException("lease must be > 0, was " + lease);
    }
    if (live(claim.handle()).isEmpty()) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    ResumeClaim renewed = new ResumeClaim(claim.handle(), claim.token(), now.plus(lease));
    // pure in-memory update, no I/O inside the lambda
    ResumeClaim after =
        claims.computeIfPresent(
            claim.handle(), (h, current) -> holds(current, claim, now) ? renewed : current);
    return after == renewed ? Optional.of(renewed) : Optional.empty();
  }

  @Override
  public SuspensionHandle replace(
      SuspensionHandle handle, SuspendedExecution execution, ResumeClaim claim) {
    requireNonNull(handle, "handle");
    requireNonNull(execution, "execution");
    requireSameHandle(handle, claim);
    Entry entry = new Entry(checked(execution), clock.instant());
    Instant now = clock.instant();
    boolean[] written = {false};
    if (live(handle).isPresent()) {
      // the claim's bin lock makes check-and-write atomic against claim, renew and release
      claims.computeIfPresent(
          handle,
          (h, current) -> {
            if (holds(current, claim, now) && entries.replace(h, entry) != null) {
              written[0] = true;
            }
            return current;
          });
    }
    if (!written[0]) {
      throw new ClaimLostException(handle);
    }
    return handle;
  }

  @Override
  public boolean delete(SuspensionHandle handle, ResumeClaim claim) {
    requireNonNull(handle, "handle");
    requireSameHandle(handle, claim);
    Instant now = clock.instant();
    boolean[] held = {false};
    boolean[] existed = {false};
    claims.computeIfPresent(
        handle,
        (h, current) -> {
          if (!holds(current, claim, now)) {
            return current;
          }
          held[0] = true;
          Entry e = entries.remove(h);
          existed[0] = e != null && !expired(e, now);
          return null;
        });
    if (!held[0]) {
      throw new ClaimLostException(handle);
    }
    return existed[0];
  }

  private static boolean holds(ResumeClaim current, ResumeClaim claim, Instant now) {
    return current.token().equals(claim.token()) && current.expiresAt().isAfter(now);
  }

  private static void requireSameHandle(SuspensionHandle handle, ResumeClaim claim) {
    requireNonNull(claim, "claim");
    if (!claim.handle().equals(handle)) {
      throw new IllegalArgumentException(
          "the claim is on '" + claim.handle() + "', not on '" + handle + "'");
    }
  }
}
