package io.constellation.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.constellation.Constellation;
import io.constellation.ConstellationImpl;
import io.constellation.ModuleExecutionException;
import io.constellation.cache.InMemoryCacheBackend;
import io.constellation.execution.DataSignature;
import io.constellation.execution.PipelineStatus;
import io.constellation.module.Module;
import io.constellation.pipeline.Backoff;
import io.constellation.pipeline.CallOptions;
import io.constellation.pipeline.ErrorStrategy;
import io.constellation.pipeline.Pipeline;
import io.constellation.pipeline.PipelineImage;
import io.constellation.type.CType;
import io.constellation.type.CValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CallOptionsTest {
  private final TestModules m = new TestModules();
  private Constellation c = ConstellationImpl.builder().build();

  @AfterEach
  void close() {
    c.close();
  }

  /** Fails the first {@code failures} calls, then echoes its input. */
  private Module flaky(String name, int failures, List<Long> callTimes) {
    AtomicInteger n = new AtomicInteger();
    return Module.builder(name)
        .input("text", CType.STRING)
        .output("result", CType.STRING)
        .implementation(
            in -> {
              callTimes.add(System.nanoTime());
              if (n.incrementAndGet() <= failures) {
                throw new IllegalStateException("failure " + n.get());
              }
              return Map.of("result", CValue.of(in.getString("text") + "#" + n.get()));
            })
        .build();
  }

  private PipelineImage single(String module, CallOptions options) {
    return Pipeline.builder("p-" + module)
        .input("text", CType.STRING)
        .call("r", module, Map.of("text", "text"), options)
        .output("r")
        .build(c.registry());
  }

  @Test
  void retryMakesRetryPlusOneAttemptsAndSucceedsOnTheLast() {
    List<Long> calls = new CopyOnWriteArrayList<>();
    c.setModule(flaky("Flaky", 2, calls));
    DataSignature s =
        c.run(
            single("Flaky", CallOptions.builder().retry(2).build()),
            Map.of("text", CValue.of("x")));
    assertThat(s.status()).isEqualTo(PipelineStatus.COMPLETED);
    assertThat(s.outputs()).containsEntry("r", CValue.of("x#3"));
    assertThat(calls).hasSize(3);
    assertThat(s.metadata().orElseThrow().attempts()).containsEntry("r", 3);
  }

  @Test
  void withoutRetryTheFirstFailureFailsTheCall() {
    List<Long> calls = new CopyOnWriteArrayList<>();
    c.setModule(flaky("Flaky", 1, calls));
    DataSignature s = c.run(single("Flaky", CallOptions.DEFAULT), Map.of("text", CValue.of("x")));
    assertThat(s.status()).isEqualTo(PipelineStatus.FAILED);
    assertThat(calls).hasSize(1);
  }

  @Test
  void delayWithExponentialBackoffSpacesTheAttempts() {
    List<Long> calls = new CopyOnWriteArrayList<>();
    c.setModule(flaky("Flaky", 3, calls));
    CallOptions o =
        CallOptions.builder()
            .retry(3)
            .delay(Duration.ofMillis(20))
            .backoff(Backoff.EXPONENTIAL)
            .build();
    c.run(single("Flaky", o), Map.of("text", CValue.of("x")));
    assertThat(calls).hasSize(4);
    assertThat(gapMillis(calls, 0)).isGreaterThanOrEqualTo(19);
    assertThat(gapMillis(calls, 1)).isGreaterThanOrEqualTo(39);
    assertThat(gapMillis(calls, 2)).isGreaterThanOrEqualTo(79);
    assertThat(o.delayBefore(10)).isEqualTo(Duration.ofMillis(20 * 512));
    assertThat(
            CallOptions.builder()
                .delay(Duration.ofSeconds(1))
                .backoff(Backoff.EXPONENTIAL)
                .build()
                .delayBefore(20))
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(
            CallOptions.builder()
                .delay(Duration.ofMillis(10))
                .backoff(Backoff.LINEAR)
                .build()
                .delayBefore(3))
        .isEqualTo(Duration.ofMillis(30));
  }

  private static long gapMillis(List<Long> times, int i) {
    return (times.get(i + 1) - times.get(i)) / 1_000_000;
  }

  @Test
  void timeoutIsPerAttemptSoARetryAfterATimeoutCanSucceed() {
    AtomicInteger n = new AtomicInteger();
    c.setModule(
        Module.builder("SlowOnce")
            .input("text", CType.STRING)
            .output("result", CType.STRING)
            .implementation(
                in -> {
                  if (n.incrementAndGet() == 1) {
                    Thread.sleep(5_000);
                  }
                  return Map.of("result", in.get("text"));
                })
            .build());
    DataSignature s =
        c.run(
            single(
                "SlowOnce", CallOptions.builder().timeout(Duration.ofMillis(50)).retry(1).build()),
            Map.of("text", CValue.of("ok")));
    assertThat(s.status()).isEqualTo(PipelineStatus.COMPLETED);
    assertThat(n).hasValue(2);
  }

  @Test
  void fallbackValueIsUsedWhenEveryAttemptFails() {
    c.setModule(m.failing("Broken"));
    DataSignature s =
        c.run(
            single(
                "Broken", CallOptions.builder().retry(1).fallback(CValue.of("fallback")).build()),
            Map.of("text", CValue.of("x")));
    assertThat(s.status()).isEqualTo(PipelineStatus.COMPLETED);
    assertThat(s.outputs()).containsEntry("r", CValue.of("fallback"));
    assertThat(m.calls("Broken")).isEqualTo(2);
  }

  @Test
  void onErrorSkipAndLogYieldTheZeroValueOfTheOutputType() {
    c.setModule(m.failing("Broken"));
    DataSignature skip =
        c.run(
            single("Broken", CallOptions.builder().onError(ErrorStrategy.SKIP).build()),
            Map.of("text", CValue.of("x")));
    assertThat(skip.status()).isEqualTo(PipelineStatus.COMPLETED);
    assertThat(skip.outputs()).containsEntry("r", CValue.of(""));
    DataSignature log =
        c.run(
            single("Broken", CallOptions.builder().onError(ErrorStrategy.LOG).build()),
            Map.of("text", CValue.of("x")));
    assertThat(log.outputs()).containsEntry("r", CValue.of(""));
    assertThat(CValue.zero(CType.product(Map.of("n", CType.INT, "tags", CType.list(CType.STRING)))))
        .isEqualTo(
            CValue.record(
                Map.of("n", CValue.of(0L), "tags", CValue.list(CType.STRING, List.of()))));
  }

  @Test
  void onErrorWrapFailsWithAModuleExecutionExceptionAroundTheCause() {
    c.setModule(m.failing("Broken"));
    DataSignature s =
        c.run(
            single("Broken", CallOptions.builder().onError(ErrorStrategy.WRAP).build()),
            Map.of("text", CValue.of("x")));
    assertThat(s.status()).isEqualTo(PipelineStatus.FAILED);
    Throwable cause = s.errors().get(0).cause().orElseThrow();
    assertThat(cause)
        .isInstanceOf(ModuleExecutionException.class)
        .hasCauseInstanceOf(IllegalStateException.class);
    assertThat(s.errors().get(0).message()).contains("module 'Broken' failed after 1 attempt(s)");
  }

  @Test
  void cacheServesTheSecondIdenticalCallWithoutInvokingTheModule() {
    c.setModule(m.upper());
    PipelineImage image =
        single("Uppercase", CallOptions.builder().cache(Duration.ofMinutes(5)).build());
    DataSignature first = c.run(image, Map.of("text", CValue.of("a")));
    DataSignature second = c.run(image, Map.of("text", CValue.of("a")));
    assertThat(second.outputs()).isEqualTo(first.outputs());
    assertThat(m.calls("Uppercase")).isEqualTo(1);
    assertThat(second.metadata().orElseThrow().cacheHits()).containsExactly("r");
    c.run(image, Map.of("text", CValue.of("b")));
    assertThat(m.calls("Uppercase")).isEqualTo(2);
  }

  @Test
  void failuresAreNeverCached() {
    List<Long> calls = new CopyOnWriteArrayList<>();
    c.setModule(flaky("Flaky", 1, calls));
    PipelineImage image =
        single("Flaky", CallOptions.builder().cache(Duration.ofMinutes(5)).build());
    assertThat(c.run(image, Map.of("text", CValue.of("a"))).status())
        .isEqualTo(PipelineStatus.FAILED);
    assertThat(c.run(image, Map.of("text", CValue.of("a"))).status())
        .isEqualTo(PipelineStatus.COMPLETED);
    assertThat(calls).hasSize(2);
  }

  @Test
  void cacheBackendSelectsANamedBackend() {
    InMemoryCacheBackend named = new InMemoryCacheBackend();
    InMemoryCacheBackend defaults = new InMemoryCacheBackend();
    c.close();
    c = ConstellationImpl.builder().withCache(defaults).withCacheBackend("special", named).build();
    c.setModule(m.upper());
    c.run(
        single(
            "Uppercase",
            CallOptions.builder().cache(Duration.ofMinutes(1)).cacheBackend("special").build()),
        Map.of("text", CValue.of("a")));
    assertThat(named.stats().size()).isEqualTo(1);
    assertThat(defaults.stats().size()).isZero();
  }

  @Test
  void identicalConcurrentMissesComputeOnce() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger invocations = new AtomicInteger();
    c.setModule(
        Module.builder("Expensive")
            .input("text", CType.STRING)
            .output("result", CType.STRING)
            .implementation(
                in -> {
                  invocations.incrementAndGet();
                  release.await();
                  return Map.of("result", in.get("text"));
                })
            .build());
    PipelineImage image =
        single("Expensive", CallOptions.builder().cache(Duration.ofMinutes(1)).build());
    List<CompletableFuture<DataSignature>> runs = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      runs.add(c.runAsync(image, Map.of("text", CValue.of("same"))));
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (invocations.get() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    Thread.sleep(50);
    release.countDown();
    for (CompletableFuture<DataSignature> r : runs) {
      assertThat(r.get(5, TimeUnit.SECONDS).outputs()).containsEntry("r", CValue.of("same"));
    }
    assertThat(invocations).hasValue(1);
  }

  @Test
  void concurrencyBoundsHowManyCallsOfAModuleRunAtOnce() throws Exception {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    c.setModule(
        Module.builder("Bounded")
            .input("text", CType.STRING)
            .output("result", CType.STRING)
            .implementation(
                in -> {
                  int now = running.incrementAndGet();
                  peak.accumulateAndGet(now, Math::max);
                  Thread.sleep(30);
                  running.decrementAndGet();
                  return Map.of("result", in.get("text"));
                })
            .build());
    Pipeline.Builder b = Pipeline.builder("fan").input("text", CType.STRING);
    for (int i = 0; i < 12; i++) {
      b.call(
              "b" + i,
              "Bounded",
              Map.of("text", "text"),
              CallOptions.builder().concurrency(3).build())
          .output("b" + i);
    }
    DataSignature s = c.run(b.build(c.registry()), Map.of("text", CValue.of("x")));
    assertThat(s.status()).isEqualTo(PipelineStatus.COMPLETED);
    assertThat(peak.get()).isEqualTo(3);
  }

  @Test
  void throttleSpacesCallsToTheConfiguredRate() {
    List<Long> calls = new CopyOnWriteArrayList<>();
    c.setModule(flaky("Echo", 0, calls));
    Pipeline.Builder b = Pipeline.builder("throttled").input("text", CType.STRING);
    for (int i = 0; i < 6; i++) {
      b.call(
              "t" + i,
              "Echo",
              Map.of("text", "text"),
              CallOptions.builder().throttle(2, Duration.ofMillis(100)).build())
          .output("t" + i);
    }
    long start = System.nanoTime();
    c.run(b.build(c.registry()), Map.of("text", CValue.of("x")));
    long ms = (System.nanoTime() - start) / 1_000_000;
    // 2 tokens up front, then one every 50 ms: the 6th call starts >= 200 ms in
    assertThat(calls).hasSize(6);
    assertThat(ms).isGreaterThanOrEqualTo(190);
  }

  @Test
  void priorityOrdersQueuedWorkWhenTheEngineIsBounded() throws Exception {
    c.close();
    c = ConstellationImpl.builder().withMaxConcurrency(1).build();
    List<String> order = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch blockerStarted = new CountDownLatch(1);
    CountDownLatch releaseBlocker = new CountDownLatch(1);
    c.setModule(
        Module.builder("Blocker")
            .input("text", CType.STRING)
            .output("result", CType.STRING)
            .implementation(
                in -> {
                  blockerStarted.countDown();
                  releaseBlocker.await();
                  return Map.of("result", in.get("text"));
                })
            .build());
    c.setModule(
        Module.builder("Record")
            .input("text", CType.STRING)
            .output("result", CType.STRING)
            .implementation(
                in -> {
                  order.add(in.getString("text"));
                  return Map.of("result", in.get("text"));
                })
            .build());
    CompletableFuture<DataSignature> blocker =
        c.runAsync(single("Blocker", CallOptions.DEFAULT), Map.of("text", CValue.of("b")));
    assertThat(blockerStarted.await(5, TimeUnit.SECONDS)).isTrue();
    List<CompletableFuture<DataSignature>> queued = new ArrayList<>();
    String[] names = {"low", "critical", "normal", "background", "high"};
    for (String p : names) {
      queued.add(
          c.runAsync(
              single("Record", CallOptions.builder().priority(p).build()),
              Map.of("text", CValue.of(p))));
      Thread.sleep(15);
    }
    releaseBlocker.countDown();
    blocker.get(5, TimeUnit.SECONDS);
    for (CompletableFuture<DataSignature> f : queued) {
      f.get(5, TimeUnit.SECONDS);
    }
    assertThat(order).containsExactly("critical", "high", "normal", "low", "background");
  }

  @Test
  void invalidOptionsAreRejectedWithTheOptionName() {
    assertThatThrownBy(() -> CallOptions.builder().retry(-1).build())
        .hasMessageContaining("retry must be >= 0");
    assertThatThrownBy(() -> CallOptions.builder().timeout(Duration.ZERO).build())
        .hasMessageContaining("timeout must be > 0");
    assertThatThrownBy(() -> CallOptions.builder().concurrency(0).build())
        .hasMessageContaining("concurrency must be > 0");
    assertThatThrownBy(() -> CallOptions.builder().priority(101).build())
        .hasMessageContaining("priority");
    assertThatThrownBy(() -> CallOptions.builder().priority("urgent").build())
        .hasMessageContaining("priority");
    assertThatThrownBy(() -> CallOptions.builder().throttle(0, Duration.ofSeconds(1)).build())
        .hasMessageContaining("throttle");
  }

  @Test
  void anUnknownNamedCacheBackendIsALoadErrorBeforeAnythingRuns() {
    c.setModule(m.upper());
    PipelineImage image =
        single(
            "Uppercase",
            CallOptions.builder().cache(Duration.ofMinutes(1)).cacheBackend("nope").build());
    assertThatThrownBy(() -> c.run(image, Map.of("text", CValue.of("a"))))
        .isInstanceOf(io.constellation.PipelineValidationException.class)
        .hasMessageContaining("unknown cache backend 'nope'");
    assertThat(m.calls("Uppercase")).isZero();
  }
}
