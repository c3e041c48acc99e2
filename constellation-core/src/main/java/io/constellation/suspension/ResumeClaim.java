package io.constellation.suspension;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * Exclusive right to resume one suspension until {@code expiresAt}. {@code token} is a fencing
 * token: the store only honours {@code release}, and saves made under the claim, when the token
 * still matches.
 */
public record ResumeClaim(SuspensionHandle handle, String token, Instant expiresAt) {
  public ResumeClaim {
    requireNonNull(handle, "handle");
    requireNonNull(token, "token");
    requireNonNull(expiresAt, "expiresAt");
  }
}
