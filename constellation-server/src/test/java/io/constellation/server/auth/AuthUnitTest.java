package io.constellation.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AuthUnitTest {
  @Test
  void keysAreMatchedByHashAndGiveTheirRole() {
    ApiKeys keys =
        ApiKeys.parse(
            List.of("admin:the-admin-key", "read:sha256:" + ApiKeys.hashHex("reader-key")));
    assertThat(keys.authenticate("the-admin-key")).contains(Role.ADMIN);
    assertThat(keys.authenticate("reader-key")).contains(Role.READ);
    assertThat(keys.authenticate("the-admin-kez")).isEmpty();
    assertThat(keys.authenticate("")).isEmpty();
    assertThat(Role.ADMIN.allows(Role.EXECUTE)).isTrue();
    assertThat(Role.READ.allows(Role.EXECUTE)).isFalse();
  }

  @Test
  void badKeySpecsNameTheEntryButNeverTheKey() {
    assertThatThrownBy(() -> ApiKeys.parse(List.of("boss:supersecretkey")))
        .hasMessageContaining("unknown role 'boss'")
        .hasMessageNotContaining("supersecretkey");
    assertThatThrownBy(() -> ApiKeys.parse(List.of("admin:short")))
        .hasMessageContaining("api key #1");
    assertThatThrownBy(() -> ApiKeys.parse(List.of("admin:sha256:xyz")))
        .hasMessageContaining("64 hex");
  }

  @Test
  void tokenBucketRefillsOverTime() {
    AtomicLong now = new AtomicLong();
    RateLimiter limiter = RateLimiter.parse("2/1s").orElseThrow().withNanoTime(now::get);
    assertThat(limiter.acquire("a")).isZero();
    assertThat(limiter.acquire("a")).isZero();
    Duration wait = limiter.acquire("a");
    assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofMillis(500));
    assertThat(limiter.acquire("b")).isZero();
    now.addAndGet(Duration.ofMillis(500).toNanos());
    assertThat(limiter.acquire("a")).isZero();
    assertThat(RateLimiter.parse("off")).isEmpty();
    assertThat(RateLimiter.parse("600/1min").orElseThrow().capacity()).isEqualTo(600);
  }
}
