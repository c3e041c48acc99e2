package io.constellation.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.constellation.Constellation;
import io.constellation.ConstellationImpl;
import io.constellation.StoreException;
import io.constellation.SuspensionSaveException;
import io.constellation.execution.DataSignature;
import io.constellation.execution.ExecutionOptions;
import io.constellation.execution.PipelineStatus;
import io.constellation.jdbc.JdbcStores;
import io.constellation.kafka.KafkaExecutionListener;
import io.constellation.lang.ConstellationCompiler;
import io.constellation.lang.examples.ExampleModules;
import io.constellation.micrometer.MicrometerMetricsProvider;
import io.constellation.pipeline.PipelineImage;
import io.constellation.redis.RedisCacheBackend;
import io.constellation.spi.ExecutionListener;
import io.constellation.suspension.SuspendedExecution;
import io.constellation.suspension.SuspensionFilter;
import io.constellation.suspension.SuspensionHandle;
import io.constellation.suspension.SuspensionSummary;
import io.constellation.tck.ValidatingListener;
import io.constellation.tck.process.ServerProcess;
import io.constellation.type.CValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The engine with real backends that fail: Redis, the Kafka broker and PostgreSQL stopping. */
class FaultsEndToEndTest {
  private static final CValue GREETING = CValue.of("Welcome back, user u-42! Visit number 29.");
  private static final Map<String, CValue> USER = Map.of("userId", CValue.of("u-42"));
  private static final ExecutionOptions METADATA =
      ExecutionOptions.DEFAULT.withIncludeMetadata(true);

  @Test
  void runsCompleteWhileRedisIsDownCountingCacheErrorsAndCachingResumesAfterItsRestart() {
    ClientResources resources =
        ClientResources.builder().reconnectDelay(Delay.constant(Duration.ofMillis(100))).build();
    PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (ServerProcess redis = ServerProcess.redis()) {
      RedisClient client = RedisClient.create(resources, redis.uri("redis"));
      RedisCacheBackend cache =
          RedisCacheBackend.builder(client).commandTimeout(Duration.ofMillis(300)).build();
      Constellation engine =
          ConstellationImpl.builder()
              .withCache(cache)
              .withMetrics(new MicrometerMetricsProvider(prometheus))
              .build();
      try (engine;
          cache) {
        ExampleModules modules = ExampleModules.register(engine);
        PipelineImage image =
            ConstellationCompiler.forEngine(engine)
                .compileOrThrow(Examples.source("caching.cst"), "caching");
        assertThat(engine.run(image, USER, METADATA).outputs()).containsEntry("greeting", GREETING);
        assertThat(engine.run(image, USER, METADATA).metadata().orElseThrow().cacheHits())
            .containsExactly("profile");
        assertThat(modules.calls("ExpensiveProfile")).isEqualTo(1);
        assertThat(errors(prometheus)).isLessThanOrEqualTo(0.0);

        redis.stop();
        for (int i = 0; i < 3; i++) {
          long start = System.nanoTime();
          DataSignature r = engine.run(image, USER, METADATA);
          Duration took = Duration.ofNanos(System.nanoTime() - start);
          assertThat(r.status()).as(r.errors().toString()).isEqualTo(PipelineStatus.COMPLETED);
          assertThat(r.outputs()).containsEntry("greeting", GREETING);
          assertThat(r.metadata().orElseThrow().cacheHits()).isEmpty();
          assertThat(took).as("a run with Redis down").isLessThan(Duration.ofSeconds(5));
        }
        assertThat(modules.calls("ExpensiveProfile"))
            .as("with the cache down the module runs every time")
            .isEqualTo(4);
        assertThat(errors(prometheus))
            .as("constellation_cache_errors_total{backend=redis}: a failed lookup per run at least")
            .isGreaterThanOrEqualTo(3.0);

        redis.restart(); // same port, empty (no persistence)
        await(
            "a run served from Redis after its restart",
            Duration.ofSeconds(20),
            () ->
                engine
                    .run(image, USER, METADATA)
                    .metadata()
                    .orElseThrow()
                    .cacheHits()
                    .contains("profile"));
        int calls = modules.calls("ExpensiveProfile");
        double errorsAfterRecovery = errors(prometheus);
        for (int i = 0; i < 3; i++) {
          DataSignature r = engine.run(image, USER, METADATA);
          assertThat(r.outputs()).containsEntry("greeting", GREETING);
          assertThat(r.metadata().orElseThrow().cacheHits()).containsExactly("profile");
        }
        assertThat(modules.calls("ExpensiveProfile")).isEqualTo(calls);
        assertThat(errors(prometheus)).isEqualTo(errorsAfterRecovery);
        assertThat(
                Contract.sample(
                    prometheus.scrape(),
                    "constellation_cache_hits_total",
                    Map.of("backend", "redis")))
            .isGreaterThanOrEqualTo(4.0);
      } finally {
        client.shutdown();
      }
    } finally {
      resources.shutdown();
    }
  }

  private static double errors(PrometheusMeterRegistry prometheus) {
    return Contract.sample(
        prometheus.scrape(), "constellation_cache_errors_total", Map.of("backend", "redis"));
  }

  @Test
  void runsAreUnaffectedWhenTheKafkaBrokerGoesDownAndEveryEventIsAccountedFor() {
    KafkaNode kafka = KafkaNode.start();
    KafkaExecutionListener kafkaListener;
    ValidatingListener seen = new ValidatingListener();
    Map<String, CValue> text = Map.of("text", CValue.of("  hello constellation world  "));
    int before;
    try {
      String topic = kafka.createTopic("outage", 1);
      kafkaListener =
          KafkaExecutionListener.builder(kafka.bootstrapServers(), topic)
              .producerProperty("request.timeout.ms", 1000)
              .producerProperty("delivery.timeout.ms", 2000)
              .build();
      Constellation engine =
          ConstellationImpl.builder()
              .withListener(ExecutionListener.composite(kafkaListener, seen))
              .build();
      try (engine) {
        ExampleModules.register(engine);
        PipelineImage image =
            ConstellationCompiler.forEngine(engine)
                .compileOrThrow(Examples.source("text-processing.cst"), "text-processing");
        for (int i = 0; i < 5; i++) {
          assertThat(engine.run(image, text).status()).isEqualTo(PipelineStatus.COMPLETED);
        }
        await(
            "the first runs' events acknowledged",
            Duration.ofSeconds(20),
            () -> seen.eventCount() > 0 && kafkaListener.sentCount() == seen.eventCount());
        before = seen.eventCount();
        assertThat(kafka.read(topic, before, Duration.ofSeconds(20))).hasSize(before);

        kafka.close();

        long worst = 0;
        for (int i = 0; i < 20; i++) {
          long start = System.nanoTime();
          DataSignature r = engine.run(image, text);
          worst = Math.max(worst, System.nanoTime() - start);
          assertThat(r.status()).isEqualTo(PipelineStatus.COMPLETED);
          assertThat(r.outputs())
              .containsEntry(
                  "summary", CValue.of("HELLO CONSTELLATION WORLD has 3 words and 25 characters"));
        }
        assertThat(Duration.ofNanos(worst))
            .as("slowest run with the broker down")
            .isLessThan(Duration.ofSeconds(2));
      } // engine.close(): drains the listener queues into the Kafka listener
      kafkaListener.close(Duration.ofSeconds(5));
    } finally {
      kafka.close();
    }
    seen.assertNoViolations();
    int total = seen.eventCount();
    assertThat(total).isEqualTo(before * 5); // 5 runs before, 20 after: same events per run
    assertThat(kafkaListener.sentCount()).as("sent").isEqualTo(before);
    assertThat(kafkaListener.failedCount() + kafkaListener.droppedCount())
        .as(
            "failed + dropped (failed %d, dropped %d)",
            kafkaListener.failedCount(), kafkaListener.droppedCount())
        .isEqualTo(total - before);
    assertThat(kafkaListener.bufferedCount()).isZero();
  }

  @Test
  void storeCallsFailWithStoreExceptionWhilePostgresIsDownAndNothingPartialIsLeftAfterRestart() {
    try (Postgres pg = Postgres.start()) {
      String schema = pg.createSchema();
      JdbcStores stores = pg.stores(schema, Duration.ofMillis(500));
      Constellation engine =
          ConstellationImpl.builder()
              .withPipelineStore(stores.pipelines())
              .withSuspensionStore(stores.suspensions())
              .build();
      try (engine) {
        ExampleModules modules = ExampleModules.register(engine);
        ConstellationCompiler compiler = ConstellationCompiler.forEngine(engine);
        PipelineImage approval =
            compiler.compileOrThrow(Examples.source("approval.cst"), "approval");
        compiler.compileOrThrow(Examples.source("text-processing.cst"), "text-processing");
        Map<String, CValue> request = Examples.approvalRequest(approval, "dana", 4200);
        Map<String, CValue> approved = Map.of("approved", CValue.of(true));
        SuspensionHandle saved = engine.run("approval", request).suspensionHandle().orElseThrow();
        long pipelines = pg.queryLong(schema, "SELECT count(*) FROM pipelines");
        long aliases = pg.queryLong(schema, "SELECT count(*) FROM aliases");

        pg.stop();

        assertThatThrownBy(() -> engine.run("text-processing", Map.of("text", CValue.of("x"))))
            .isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> engine.suspensionStore().list(SuspensionFilter.all()))
            .isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> engine.resume(saved, approved)).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> engine.pipelineStore().store(approval))
            .isInstanceOf(StoreException.class);

        SuspensionSaveException failed =
            catchThrowableOfType(
                SuspensionSaveException.class, () -> engine.run(approval, request));
        assertThat(failed).as("a suspending run with the store down").isNotNull();
        assertThat(failed).isInstanceOf(StoreException.class);
        DataSignature kept = failed.result();
        assertThat(kept.status()).isEqualTo(PipelineStatus.SUSPENDED);
        assertThat(kept.suspensionHandle()).isEmpty();
        assertThat(kept.outputs()).containsEntry("risk", CValue.of(42L));
        SuspendedExecution snapshot = kept.suspendedState().orElseThrow();
        assertThat(snapshot.computedValues()).containsKey("risk");
        assertThat(snapshot.missingInputs()).containsOnlyKeys("approved");
        assertThat(modules.calls("RiskScore")).isEqualTo(2);

        pg.restart(); // same data directory and port
        await("the pool reconnecting", Duration.ofSeconds(20), () -> listOrNull(engine) != null);

        assertThat(listOrNull(engine))
            .as("only the suspension saved before the outage")
            .extracting(SuspensionSummary::handle)
            .containsExactly(saved);
        assertThat(pg.queryLong(schema, "SELECT count(*) FROM suspensions")).isEqualTo(1);
        assertThat(pg.queryLong(schema, "SELECT count(*) FROM pipelines")).isEqualTo(pipelines);
        assertThat(pg.queryLong(schema, "SELECT count(*) FROM aliases")).isEqualTo(aliases);
        assertThat(
                pg.queryLong(
                    schema, "SELECT count(*) FROM suspensions WHERE claim_token IS NOT NULL"))
            .as("no claim left behind by the failed resume")
            .isZero();

        DataSignature fromStore = engine.resume(saved, approved);
        assertThat(fromStore.status()).isEqualTo(PipelineStatus.COMPLETED);
        DataSignature fromMemory = engine.resume(snapshot, approved);
        assertThat(fromMemory.status()).isEqualTo(PipelineStatus.COMPLETED);
        assertThat(fromMemory.outputs())
            .containsEntry("message", CValue.of("Request by dana for 4200: approved (risk 42)"));
        assertThat(modules.calls("RiskScore")).as("neither resume recomputes").isEqualTo(2);
        assertThat(engine.run("text-processing", Map.of("text", CValue.of("a b"))).status())
            .isEqualTo(PipelineStatus.COMPLETED);
        assertThat(engine.suspensionStore().list(SuspensionFilter.all())).isEmpty();
      }
    }
  }

  private static java.util.List<SuspensionSummary> listOrNull(Constellation engine) {
    try {
      return engine.suspensionStore().list(SuspensionFilter.all());
    } catch (StoreException e) {
      return null;
    }
  }

  /**
   * Polls {@code condition} every 20 ms until it holds; fails naming {@code what} at the deadline.
   */
  private static void await(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      }
    }
  }
}
