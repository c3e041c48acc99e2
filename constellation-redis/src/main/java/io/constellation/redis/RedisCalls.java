package io.constellation.redis;

import io.lettuce.core.RedisFuture;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;

/** Waits for Lettuce futures with a deadline and translates failures. */
final class RedisCalls {
  private RedisCalls() {}

  /**
   * The result of {@code future}, waiting at most {@code timeout}. A timeout cancels the command.
   * Failures become {@code wrap.apply(message, cause)}.
   */
  static <T, E extends RuntimeException> T await(
      RedisFuture<T> future, Duration timeout, String what, BiFunction<String, Throwable, E> wrap) {
    try {
      return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw wrap.apply("Redis " + what + " timed out after " + timeout.toMillis() + " ms", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw wrap.apply("Redis " + what + " failed: " + cause.getMessage(), cause);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw wrap.apply("interrupted while waiting for Redis " + what, e);
    } catch (RuntimeException e) {
      throw wrap.apply("Redis " + what + " failed: " + e.getMessage(), e);
    }
  }

  /** {@code prefix} with the glob metacharacters of SCAN MATCH escaped, followed by {@code *}. */
  static String matchAll(String prefix) {
    StringBuilder sb = new StringBuilder(prefix.length() + 4);
    for (int i = 0; i < prefix.length(); i++) {
      char c = prefix.charAt(i);
      if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.append('*').toString();
  }

  /** Milliseconds of {@code d}, rounded up, at least 1. */
  static long millisCeil(Duration d) {
    long ms;
    try {
      ms = d.toMillis();
      if (d.minusMillis(ms).isPositive()) {
        ms = Math.addExact(ms, 1);
      }
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE / 2;
    }
    return Math.max(1, ms);
  }
}
