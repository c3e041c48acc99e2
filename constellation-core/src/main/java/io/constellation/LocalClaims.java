package io.constellation;

import io.constellation.suspension.ResumeClaim;
import io.constellation.suspension.SuspensionHandle;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** In-process claims for stores that do not implement their own (see SuspensionStore#claim). */
final class LocalClaims {
  private record Key(int store, SuspensionHandle handle) {}

  private static final Map<Key, ResumeClaim> CLAIMS = new ConcurrentHashMap<>();

  private LocalClaims() {}

  static Optional<ResumeClaim> claim(SuspensionStore store, SuspensionHandle handle, Duration lease) {
    Key key = new Key(System.identityHashCode(store), handle);
    Instant now = Instant.now();
    ResumeClaim mine = new ResumeClaim(handle, UUID.randomUUID().toString(), now.plus(lease));
    // pure in-memory update, no I/O inside the lambda
    ResumeClaim winner =
        CLAIMS.compute(key, (k, current) -> current == null || !current.expiresAt().isAfter(now) ? mine : current);
    return winner == mine ? Optional.of(mine) : Optional.empty();
  }

  static void release(SuspensionStore store, ResumeClaim claim) {
    CLAIMS.remove(new Key(System.identityHashCode(store), claim.handle()), claim);
  }
}
