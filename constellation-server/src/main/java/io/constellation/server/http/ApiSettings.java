package io.constellation.server.http;

import static java.util.Objects.requireNonNull;

import io.constellation.server.auth.ApiKeys;
import io.constellation.server.auth.RateLimiter;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How the HTTP API behaves.
 *
 * @param host address to bind
 * @param port port (0 = any free port)
 * @param apiKeys configured keys; {@link ApiKeys#none()} turns auth off
 * @param rateLimiter per-client limiter, empty = off
 * @param maxBodyBytes request body limit
 * @param recentRuns size of the recent-runs buffer
 * @param prometheus Prometheus scrape for {@code GET /metrics}, empty when metrics are not
 *     Prometheus
 * @param clock clock for timestamps
 */
public record ApiSettings(
    String host,
    int port,
    ApiKeys apiKeys,
    Optional<RateLimiter> rateLimiter,
    long maxBodyBytes,
    int recentRuns,
    Optional<Supplier<String>> prometheus,
    Clock clock) {
  public ApiSettings {
    requireNonNull(host, "host");
    requireNonNull(apiKeys, "apiKeys");
    requireNonNull(rateLimiter, "rateLimiter");
    requireNonNull(prometheus, "prometheus");
    requireNonNull(clock, "clock");
  }
}
