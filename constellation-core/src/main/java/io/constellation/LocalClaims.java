package io.constellation;

import io.constellation.suspension.ResumeClaim;
import io.constellation.suspension.SuspendedExecution;
import io.constellation.suspension.SuspensionHandle;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-process claims for stores that do not implement their own (see SuspensionStore#claim), and the
 * default renewal and fencing built on them.
 */
final class LocalClaims {
  /** A store (by identity: two equal-looking stores are still two stores) and a handle. */
  private record Key(SuspensionStore store, SuspensionHandle handle) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.store == store && k.handle.equals(handle);
    }

    @Override
    public int hashCode() {
      return 31 * System.identityHashCode(store) + handle.hashCode();
    }
  }

  private static final Map<Key, ResumeClaim> CLAIMS = new ConcurrentHashMap<>();

  /** Whether a store class inherits the default {@code claim} (so its claims are in this table). */
  private static final ClassValue<Boolean> USES_LOCAL_CLAIMS =
      new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
          try {
            return type.getMethod("claim", SuspensionHandle.class, Duration.class)
                    .getDeclaringClass()
                == SuspensionStore.class;
          } catch (NoSuchMethodException e) {
            return Boolean.TRUE;
          }
        }
      };

  private LocalClaims() {}

  private static Key key(SuspensionStore store, SuspensionHandle handle) {
    return new Key(store, handle);
  }

  static Optional<ResumeClaim> claim(
      SuspensionStore store, SuspensionHandle handle, Duration lease) {
    Instant now = Instant.now();
    ResumeClaim mine = new ResumeClaim(handle, UUID.randomUUID().toString(), now.plus(lease));
    // pure in-memory update, no I/O inside the lambda
    ResumeClaim winner =
        CLAIMS.compute(
            key(store, handle),
            (k, current) -> current == null || !current.expiresAt().isAfter(now) ? mine : current);
    return winner == mine ? Optional.of(mine) : Optional.empty();
  }

  static void release(SuspensionStore store, ResumeClaim claim) {
    CLAIMS.computeIfPresent(
        key(store, claim.handle()),
        (k, current) -> current.token().equals(claim.token()) ? null : current);
  }

  static Optional<ResumeClaim> renew(SuspensionStore store, ResumeClaim claim, Duration lease) {
    if (!USES_LOCAL_CLAIMS.get(store.getClass())) {
      // the store claims elsewhere but does not renew: it cannot be asked, so trust the claim
      return Optional.of(new ResumeClaim(claim.handle(), claim.token(), Instant.now().plus(lease)));
    }
    if (store.load(claim.handle()).isEmpty()) {
      release(store, claim);
      return Optional.empty();
    }
    Instant now = Instant.now();
    ResumeClaim renewed = new ResumeClaim(claim.handle(), claim.token(), now.plus(lease));
    // pure in-memory update, no I/O inside the lambda
    ResumeClaim after =
        CLAIMS.computeIfPresent(
            key(store, claim.handle()),
            (k, current) -> live(current, claim, now) ? renewed : current);
    return after == renewed ? Optional.of(renewed) : Optional.empty();
  }

  static SuspensionHandle replace(
      SuspensionStore store,
      SuspensionHandle handle,
      SuspendedExecution execution,
      ResumeClaim claim) {
    check(store, handle, claim);
    return store.replace(handle, execution);
  }

  static boolean delete(SuspensionStore store, SuspensionHandle handle, ResumeClaim claim) {
    check(store, handle, claim);
    boolean existed = store.delete(handle);
    release(store, claim);
    return existed;
  }

  private static void check(SuspensionStore store, SuspensionHandle handle, ResumeClaim claim) {
    requireSameHandle(handle, claim);
    if (!USES_LOCAL_CLAIMS.get(store.getClass())) {
      return; // cannot be checked here; see SuspensionStore#replace(handle, execution, claim)
    }
    ResumeClaim current = CLAIMS.get(key(store, handle));
    if (current == null || !live(current, claim, Instant.now())) {
      throw lost(handle);
    }
  }

  static void requireSameHandle(SuspensionHandle handle, ResumeClaim claim) {
    if (!claim.handle().equals(handle)) {
      throw new IllegalArgumentException(
          "the claim is on '" + claim.handle() + "', not on '" + handle + "'");
    }
  }

  static ClaimLostException lost(SuspensionHandle handle) {
    return new ClaimLostException(handle);
  }

  private static boolean live(ResumeClaim current, ResumeClaim claim, Instant now) {
    return current.token().equals(claim.token()) && current.expiresAt().isAfter(now);
  }
}
