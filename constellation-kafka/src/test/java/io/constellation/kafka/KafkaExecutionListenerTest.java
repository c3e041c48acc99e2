package io.constellation.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBroker.Extension.class)
class KafkaExecutionListenerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00.123Z");

  private final KafkaBroker broker;

  KafkaExecutionListenerTest(KafkaBroker broker) {
    this.broker = broker;
  }

  private static JsonNode json(ConsumerRecord<String, String> r) {
    try {
      return JSON.readTree(r.value());
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + r.value(), e);
    }
  }

  @Test
  void eachCallbackBecomesOneJsonEventKeyedByExecutionIdInOrder() {
    String topic = broker.createTopic("events", 3);
    UUID run = UUID.randomUUID();
    UUID other = UUID.randomUUID();
    UUID fetch = UUID.randomUUID();
    UUID score = UUID.randomUUID();
    KafkaExecutionListener listener =
        KafkaExecutionListener.builder(broker.bootstrapServers(), topic)
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .build();
    listener.onExecutionStart(run, "orders");
    listener.onExecutionStart(other, "billing");
    listener.onModuleStart(run, fetch, "Fetch");
    listener.onModuleCacheHit(run, fetch, "Fetch");
    listener.onModuleComplete(run, fetch, "Fetch", 12);
    listener.onExecutionCancelled(other, "billing");
    listener.onModuleStart(run, score, "Score");
    listener.onModuleFailed(run, score, "Score", new IllegalStateException("model down"));
    listener.onExecutionSuspended(run, "orders", new LinkedHashSet<>(List.of("weight", "b")));
    listener.onExecutionStart(run, "orders");
    listener.onExecutionComplete(run, "orders", false, 40);
    listener.close(Duration.ofSeconds(15));

    assertThat(listener.sentCount()).isEqualTo(11);
    assertThat(listener.droppedCount()).isZero();
    assertThat(listener.failedCount()).isZero();

    List<ConsumerRecord<String, String>> records = broker.consume(topic, 11);
    assertThat(records).hasSize(11);
    Map<String, List<JsonNode>> byKey = new HashMap<>();
    Map<String, Set<Integer>> partitions = new HashMap<>();
    for (ConsumerRecord<String, String> r : records) {
      byKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(json(r));
      partitions.computeIfAbsent(r.key(), k -> new HashSet<>()).add(r.partition());
    }
    assertThat(partitions.get(run.toString())).hasSize(1);
    assertThat(byKey.get(other.toString()))
        .extracting(n -> n.get("event").asText())
        .containsExactly("executionStart", "executionCancelled");

    List<JsonNode> events = byKey.get(run.toString());
    assertThat(events)
        .extracting(n -> n.get("event").asText())
        .containsExactly(
            "executionStart",
            "moduleStart",
            "moduleCacheHit",
            "moduleComplete",
            "moduleStart",
            "moduleFailed",
            "executionSuspended",
            "executionStart",
            "executionComplete");
    for (JsonNode n : events) {
      assertThat(n.get("schemaVersion").asInt()).isEqualTo(1);
      assertThat(n.get("executionId").asText()).isEqualTo(run.toString());
      assertThat(n.get("timestamp").asText()).isEqualTo("2026-03-01T12:00:00.123Z");
      assertThat(fieldNames(n))
          .containsExactly(
              "schemaVersion",
              "event",
              "executionId",
              "dagName",
              "moduleId",
              "moduleName",
              "durationMs",
              "succeeded",
              "error",
              "missingInputs",
              "timestamp");
    }
    JsonNode start = events.get(0);
    assertThat(start.get("dagName").asText()).isEqualTo("orders");
    assertThat(start.get("moduleId").isNull()).isTrue();

    JsonNode complete = events.get(3);
    assertThat(complete.get("moduleId").asText()).isEqualTo(fetch.toString());
    assertThat(complete.get("moduleName").asText()).isEqualTo("Fetch");
    assertThat(complete.get("durationMs").asLong()).isEqualTo(12);
    assertThat(complete.get("error").isNull()).isTrue();

    JsonNode failed = events.get(5);
    assertThat(failed.get("moduleName").asText()).isEqualTo("Score");
    assertThat(failed.get("error").get("type").asText())
        .isEqualTo("java.lang.IllegalStateException");
    assertThat(failed.get("error").get("message").asText()).isEqualTo("model down");

    JsonNode suspended = events.get(6);
    assertThat(suspended.get("missingInputs"))
        .extracting(JsonNode::asText)
        .containsExactly("b", "weight");

    JsonNode done = events.get(8);
    assertThat(done.get("dagName").asText()).isEqualTo("orders");
    assertThat(done.get("succeeded").asBoolean()).isFalse();
    assertThat(done.get("durationMs").asLong()).isEqualTo(40);
  }

  private static List<String> fieldNames(JsonNode n) {
    List<String> names = new ArrayList<>();
    n.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void closeSendsEverythingStillBufferedBeforeReturning() {
    String topic = broker.createTopic("flush", 1);
    KafkaExecutionListener listener =
        KafkaExecutionListener.builder(broker.bootstrapServers(), topic)
            .bufferCapacity(2_000)
            .build();
    UUID run = UUID.randomUUID();
    for (int i = 0; i < 1_000; i++) {
      listener.onModuleStart(run, UUID.randomUUID(), "m" + i);
    }
    listener.close(Duration.ofSeconds(20));

    assertThat(listener.sentCount()).isEqualTo(1_000);
    assertThat(listener.bufferedCount()).isZero();
    List<ConsumerRecord<String, String>> records = broker.consume(topic, 1_000);
    assertThat(records).hasSize(1_000);
    for (int i = 0; i < 1_000; i++) {
      assertThat(json(records.get(i)).get("moduleName").asText()).isEqualTo("m" + i);
    }
  }

  @Test
  void eventsAfterCloseAreDroppedAndCountedWithoutThrowing() {
    String topic = broker.createTopic("closed", 1);
    KafkaExecutionListener listener =
        KafkaExecutionListener.builder(broker.bootstrapServers(), topic).build();
    listener.close(Duration.ofSeconds(5));
    listener.close(Duration.ofSeconds(5)); // idempotent
    listener.onExecutionStart(UUID.randomUUID(), "late");
    listener.onExecutionCancelled(UUID.randomUUID(), "late");
    assertThat(listener.droppedCount()).isEqualTo(2);
    assertThat(listener.sentCount()).isZero();
  }

  @Test
  void aProducerOverrideIsApplied() {
    String topic = broker.createTopic("override", 1);
    // Compression is a producer property the builder does not set itself.
    KafkaExecutionListener listener =
        KafkaExecutionListener.builder(broker.bootstrapServers(), topic)
            .producerProperty("compression.type", "gzip")
            .build();
    UUID run = UUID.randomUUID();
    listener.onExecutionStart(run, "zipped");
    listener.close(Duration.ofSeconds(10));
    assertThat(listener.sentCount()).isEqualTo(1);
    assertThat(broker.consume(topic, 1))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.key()).isEqualTo(run.toString());
              assertThat(json(r).get("dagName").asText()).isEqualTo("zipped");
            });
  }
}
