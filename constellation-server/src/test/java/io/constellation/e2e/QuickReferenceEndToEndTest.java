package io.constellation.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.constellation.Constellation;
import io.constellation.ConstellationImpl;
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
import io.constellation.spi.AuditLogListener;
import io.constellation.spi.ExecutionListener;
import io.constellation.suspension.SuspensionFilter;
import io.constellation.suspension.SuspensionHandle;
import io.constellation.suspension.SuspensionSummary;
import io.constellation.tck.ValidatingListener;
import io.constellation.tck.process.ServerProcess;
import io.constellation.type.CValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The seed's quick reference wired with real parts: a Redis cache, Micrometer on a Prometheus
 * registry, Kafka + audit listeners, and pipeline and suspension stores on PostgreSQL, running the
 * repository's example pipelines compiled by constellation-lang.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QuickReferenceEndToEndTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private ServerProcess redis;
  private KafkaNode kafka;
  private Postgres pg;

  @BeforeAll
  void startServices() {
    redis = ServerProcess.redis();
    pg = Postgres.start();
    kafka = KafkaNode.start();
  }

  @AfterAll
  void stopServices() {
    try (ServerProcess r = redis;
        Postgres p = pg;
        KafkaNode k = kafka) {
      // closed in reverse order
    }
  }

  /** One engine exactly as the seed's quick reference wires it, plus what the test reads back. */
  private final class Node implements AutoCloseable {
    final RedisClient client = RedisClient.create(redis.uri("redis"));
    final RedisCacheBackend cache = new RedisCacheBackend(client);
    final PrometheusMeterRegistry prometheusRegistry =
        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final KafkaExecutionListener kafkaListener;
    final AuditLines auditLines = new AuditLines();
    final AuditLogListener auditListener = AuditLogListener.create(auditLines);
    final JdbcStores stores;
    final Constellation constellation;
    final ExampleModules modules;

    Node(String topic, String schema) {
      kafkaListener = KafkaExecutionListener.builder(kafka.bootstrapServers(), topic).build();
      stores = pg.stores(schema, Duration.ofSeconds(2));
      constellation =
          ConstellationImpl.builder()
              .withCache(cache)
              .withMetrics(new MicrometerMetricsProvider(prometheusRegistry))
              .withListener(ExecutionListener.composite(kafkaListener, auditListener))
              .withPipelineStore(stores.pipelines())
              .withSuspensionStore(stores.suspensions())
              .build();
      modules = ExampleModules.register(constellation);
    }

    String scrape() {
      return prometheusRegistry.scrape();
    }

    @Override
    public void close() {
      constellation.shutdown(Duration.ofSeconds(5));
      kafkaListener.close(Duration.ofSeconds(5));
      cache.close();
      client.shutdown();
    }
  }

  @Test
  void theCachingExampleIsServedFromRedisOnItsSecondRunWithEventsInKafkaAndCountersInPrometheus() {
    String topic = kafka.createTopic("quickref", 3);
    String schema = pg.createSchema();
    try (Node node = new Node(topic, schema)) {
      Constellation constellation = node.constellation;
      PipelineImage image =
          ConstellationCompiler.forEngine(constellation)
              .compileOrThrow(Examples.source("caching.cst"), "caching");
      assertThat(node.stores.pipelines().resolve("caching"))
          .as("the compiled image is stored in PostgreSQL under its alias")
          .contains(image.structuralHash());

      Map<String, CValue> in = Map.of("userId", CValue.of("u-42"));
      ExecutionOptions withMetadata = ExecutionOptions.DEFAULT.withIncludeMetadata(true);
      DataSignature first = constellation.run("caching", in, withMetadata);
      DataSignature second = constellation.run("caching", in, withMetadata);

      CValue greeting = CValue.of("Welcome back, user u-42! Visit number 29.");
      assertThat(first.status()).as(first.errors().toString()).isEqualTo(PipelineStatus.COMPLETED);
      assertThat(first.outputs()).containsEntry("greeting", greeting);
      assertThat(second.outputs()).isEqualTo(first.outputs());
      assertThat(node.modules.calls("ExpensiveProfile"))
          .as("the second run must not invoke the module")
          .isEqualTo(1);
      assertThat(first.metadata().orElseThrow().cacheHits()).isEmpty();
      assertThat(second.metadata().orElseThrow().cacheHits()).containsExactly("profile");
      try (StatefulRedisConnection<String, String> raw = node.client.connect()) {
        assertThat(raw.sync().keys(RedisCacheBackend.DEFAULT_KEY_PREFIX + "*"))
            .as("the module result lives in Redis")
            .hasSize(1);
      }

      // A second engine with fresh modules on the same Redis is served too: the hit is Redis's.
      try (Node other = new Node(topic, schema)) {
        DataSignature third = other.constellation.run("caching", in);
        assertThat(third.outputs()).containsEntry("greeting", greeting);
        assertThat(other.modules.calls("ExpensiveProfile")).isZero();
      }

      // Kafka: every event of both runs, in contract order per execution.
      List<KafkaNode.Event> events = kafka.read(topic, 4 + 5 + 5, WAIT);
      Map<UUID, List<String>> byRun = Contract.byExecution(events);
      assertThat(byRun.get(first.executionId()))
          .containsExactly("executionStart", "moduleStart", "moduleComplete", "executionComplete");
      assertThat(byRun.get(second.executionId()))
          .containsExactly(
              "executionStart",
              "moduleStart",
              "moduleCacheHit",
              "moduleComplete",
              "executionComplete");
      assertThat(events).hasSize(4 + 5 + 5);
      assertThat(events)
          .as("one execution's records share a partition")
          .allSatisfy(
              e ->
                  assertThat(e.partition())
                      .isEqualTo(
                          events.stream()
                              .filter(o -> o.key().equals(e.key()))
                              .findFirst()
                              .orElseThrow()
                              .partition()));
      ValidatingListener contract = Contract.replay(events);
      contract.assertNoViolations();
      contract.assertEveryExecutionTerminated();

      // The audit listener saw the same events, one JSON line each.
      List<String> audit = node.auditLines.lines();
      assertThat(audit).hasSize(9);
      assertThat(audit.get(0)).startsWith("{\"event\":\"executionStart\"");
      assertThat(audit).filteredOn(l -> l.contains("\"moduleCacheHit\"")).hasSize(1);

      // Prometheus: the catalog's counters, as the scrape exposes them.
      String scrape = node.scrape();
      assertThat(
              Contract.sample(
                  scrape, "constellation_execution_started_total", Map.of("dag_name", "caching")))
          .isEqualTo(2.0);
      assertThat(
              Contract.sample(
                  scrape,
                  "constellation_execution_completed_total",
                  Map.of("dag_name", "caching", "success", "true")))
          .isEqualTo(2.0);
      assertThat(
              Contract.sample(scrape, "constellation_cache_hits_total", Map.of("backend", "redis")))
          .isEqualTo(1.0);
      assertThat(
              Contract.sample(
                  scrape, "constellation_cache_misses_total", Map.of("backend", "redis")))
          .isEqualTo(1.0);
      assertThat(
              Contract.sample(
                  scrape,
                  "constellation_module_completed_total",
                  Map.of("module_name", "ExpensiveProfile")))
          .isGreaterThanOrEqualTo(1.0);
      assertThat(
              Contract.sample(
                  scrape,
                  "constellation_execution_duration_ms_count",
                  Map.of("dag_name", "caching")))
          .isEqualTo(2.0);
      assertThat(
              Contract.sample(
                  scrape, "constellation_cache_errors_total", Map.of("backend", "redis")))
          .as("no cache errors (absent or zero)")
          .isLessThanOrEqualTo(0.0);
    }
  }

  @Test
  void theApprovalExampleSuspendsIntoPostgresAndASecondEngineResumesItWithoutRecomputing() {
    String topic = kafka.createTopic("approval", 3);
    String schema = pg.createSchema();
    UUID executionId;
    SuspensionHandle handle;
    try (Node first = new Node(topic, schema)) {
      PipelineImage image =
          ConstellationCompiler.forEngine(first.constellation)
              .compileOrThrow(Examples.source("approval.cst"), "approval");
      DataSignature suspended =
          first.constellation.run("approval", Examples.approvalRequest(image, "dana", 4200));
      assertThat(suspended.status()).isEqualTo(PipelineStatus.SUSPENDED);
      assertThat(suspended.missingInputs()).containsOnlyKeys("approved");
      assertThat(suspended.outputs()).containsEntry("risk", CValue.of(42L));
      assertThat(first.modules.calls("RiskScore")).isEqualTo(1);
      handle = suspended.suspensionHandle().orElseThrow();
      executionId = suspended.executionId();

      List<SuspensionSummary> listed =
          first.constellation.suspensionStore().list(SuspensionFilter.all());
      assertThat(listed).extracting(SuspensionSummary::handle).containsExactly(handle);
      assertThat(pg.queryLong(schema, "SELECT count(*) FROM suspensions"))
          .as("the snapshot is a row in PostgreSQL")
          .isEqualTo(1);
      assertThat(
              Contract.sample(
                  first.scrape(),
                  "constellation_execution_suspended_total",
                  Map.of("dag_name", "approval")))
          .isEqualTo(1.0);
      // the suspension's events reach Kafka before the other engine resumes
      assertThat(kafka.read(topic, 4, WAIT))
          .extracting(KafkaNode.Event::name)
          .contains("executionSuspended");
    }

    // A second engine: its own pool on the same PostgreSQL schema, its own Redis client, fresh
    // modules.
    try (Node second = new Node(topic, schema)) {
      assertThat(second.constellation.suspensionStore().list(SuspensionFilter.all()))
          .extracting(SuspensionSummary::handle)
          .containsExactly(handle);
      DataSignature done = second.constellation.resume(handle, Map.of("approved", CValue.of(true)));
      assertThat(done.status()).as(done.errors().toString()).isEqualTo(PipelineStatus.COMPLETED);
      assertThat(done.executionId()).isEqualTo(executionId);
      assertThat(done.resumptionCount()).isEqualTo(1);
      assertThat(done.outputs())
          .containsEntry("risk", CValue.of(42L))
          .containsEntry("message", CValue.of("Request by dana for 4200: approved (risk 42)"));
      assertThat(second.modules.calls("RiskScore"))
          .as("the first engine's computed module is not re-invoked")
          .isZero();
      assertThat(second.constellation.suspensionStore().list(SuspensionFilter.all())).isEmpty();
      assertThat(pg.queryLong(schema, "SELECT count(*) FROM suspensions")).isZero();

      List<KafkaNode.Event> events = kafka.read(topic, 6, WAIT);
      assertThat(Contract.byExecution(events).get(executionId))
          .containsExactly(
              "executionStart",
              "moduleStart",
              "moduleComplete",
              "executionSuspended",
              "executionStart",
              "executionComplete");
      ValidatingListener contract = Contract.replay(events);
      contract.assertNoViolations();
      assertThat(contract.sequences(executionId)).isEqualTo(2);
    }
  }
}
