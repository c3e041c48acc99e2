package io.constellation.impl;

import static java.util.Objects.requireNonNull;

import io.constellation.SuspensionStore;
import io.constellation.suspension.ResumeClaim;
import io.constellation.suspension.SuspendedExecution;
import io.constellation.suspension.SuspensionFilter;
import io.constellation.suspension.SuspensionHandle;
import io.constellation.suspension.SuspensionSummary;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The default suspension store: in memory, lost on restart. Claims are exclusive within this
 * JVM.
 *
 * <p>Thread-safety: safe for concurrent use; never blocks.
 */
public final class InMemorySuspensionStore implements SuspensionStore {
  private final Map<SuspensionHandle, SuspendedExecution> entries = new ConcurrentHashMap<>();
  private final Map<SuspensionHandle, ResumeClaim> claims = new ConcurrentHashMap<>();
  private final Clock clock;

  public InMemorySuspensionStore() {
    this(Clock.systemUTC());
  }

  private InMemorySuspensionStore(Clock clock) {
    this.clock = requireNonNull(clock, "clock");
  }

  /** A store that reads time (claim leases) from {@code clock}. */
  public InMemorySuspensionStore withClock(Clock clock) {
    return new InMemorySuspensionStore(clock);
  }

  @Override
  public SuspensionHandle save(SuspendedExecution execution) {
    requireNonNull(execution, "execution");
    SuspensionHandle handle = new SuspensionHandle(UUID.randomUUID().toString());
    entries.put(handle, execution);
    return handle;
  }

  @Override
  public SuspensionHandle replace(SuspensionHandle handle, SuspendedExecution execution) {
    requireNonNull(handle, "handle");
    requireNonNull(execution, "execution");
    entries.put(handle, execution);
    return handle;
  }

  @Override
  public Optional<SuspendedExecution> load(SuspensionHandle handle) {
    return Optional.ofNullable(entries.get(requireNonNull(handle, "handle")));
  }

  @Override
  public boolean delete(SuspensionHandle handle) {
    requireNonNull(handle, "handle");
    claims.remove(handle);
    return entries.remove(handle) != null;
  }

  @Override
  public List<SuspensionSummary> list(SuspensionFilter filter) {
    requireNonNull(filter, "filter");
    List<SuspensionSummary> out = new ArrayList<>();
    entries.forEach(
        (h, e) -> {
          SuspensionSummary s = e.summary(h);
          if (filter.matches(s)) {
            out.add(s);
          }
        });
    out.sort(Comparator.comparing(SuspensionSummary::createdAt).thenComparing(s -> s.handle().id()));
    return out;
  }

  @Override
  public Optional<ResumeClaim> claim(SuspensionHandle handle, Duration lease) {
    requireNonNull(handle, "handle");
    requireNonNull(lease, "lease");
    var now = clock.instant();
    ResumeClaim mine = new ResumeClaim(handle, UUID.randomUUID().toString(), now.plus(lease));
    ResumeClaim winner =
        claims.compute(
            handle,
            (h, current) -> current == null || !current.expiresAt().isAfter(now) ? mine : current);
    return winner == mine ? Optional.of(mine) : Optional.empty();
  }

  @Override
  public void release(ResumeClaim claim) {
    requireNonNull(claim, "claim");
    claims.remove(claim.handle(), claim);
  }
}
