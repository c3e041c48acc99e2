package io.constellation.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.constellation.ConstellationException;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Behaviour that needs no running broker: broker down, configuration, encoding. */
class KafkaExecutionListenerOfflineTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static String deadBootstrap() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return "127.0.0.1:" + s.getLocalPort(); // closed again: nothing listens there
    }
  }

  @Test
  void withTheBrokerDownCallbacksReturnAtOnceAndEveryEventIsAccountedFor() throws Exception {
    KafkaExecutionListener listener =
        KafkaExecutionListener.builder(deadBootstrap(), "events")
            .bufferCapacity(100)
            .producerProperty("max.block.ms", "200")
            .build();
    UUID run = UUID.randomUUID();
    UUID module = UUID.randomUUID();
    int events = 10_000;
    long start = System.nanoTime();
    for (int i = 0; i < events / 2; i++) {
      listener.onModuleStart(run, module, "m");
      listener.onModuleComplete(run, module, "m", i);
    }
    Duration calls = Duration.ofNanos(System.nanoTime() - start);

    // A generous bound: a listener that waited for Kafka even once per 100 events would need
    // 100 x 200 ms = 20 s.
    assertThat(calls).isLessThan(Duration.ofSeconds(3));
    assertThat(listener.droppedCount()).isGreaterThanOrEqualTo(events - 100 - 50);
    assertThat(listener.sentCount()).isZero();

    long closeStart = System.nanoTime();
    listener.close(Duration.ofSeconds(1));
    assertThat(Duration.ofNanos(System.nanoTime() - closeStart)).isLessThan(Duration.ofSeconds(8));
    assertThat(listener.sentCount()).isZero();
    assertThat(listener.bufferedCount()).isZero();
    assertThat(listener.droppedCount() + listener.failedCount()).isEqualTo(events);
  }

  @Test
  void theProducerIsConfiguredForOrderedIdempotentBoundedDelivery() {
    Map<String, Object> c =
        KafkaExecutionListener.builder("localhost:9092", "events")
            .producerProperty("linger.ms", "20")
            .producerProperty("value.serializer", "not.Allowed")
            .producerProperty("bootstrap.servers", "elsewhere:1")
            .producerConfig();
    assertThat(c)
        .containsEntry("acks", "all")
        .containsEntry("enable.idempotence", "true")
        .containsEntry("max.in.flight.requests.per.connection", "5")
        .containsEntry("max.block.ms", "1000")
        .containsEntry("delivery.timeout.ms", "30000")
        .containsEntry("linger.ms", "20")
        .containsEntry("bootstrap.servers", "localhost:9092")
        .containsEntry(
            "value.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
  }

  @Test
  void aConflictingProducerPropertyFailsAtBuildNamingIt() {
    assertThatThrownBy(
            () ->
                KafkaExecutionListener.builder("localhost:9092", "events")
                    .producerProperty("acks", "0")
                    .build())
        .isInstanceOf(ConstellationException.class)
        .hasMessageContaining("acks");
  }

  @Test
  void badBuilderArgumentsAreRejectedNamingTheField() {
    assertThatThrownBy(() -> KafkaExecutionListener.builder(" ", "events"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("bootstrapServers");
    assertThatThrownBy(() -> KafkaExecutionListener.builder("localhost:9092", "bad topic!"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("topic");
    assertThatThrownBy(
            () -> KafkaExecutionListener.builder("localhost:9092", "t").bufferCapacity(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("bufferCapacity");
  }

  @Test
  void aModuleFailedEventEncodesToTheDocumentedJson() throws Exception {
    UUID run = UUID.fromString("0b6f3c4e-8a51-4a8e-9d0c-7f5e2f1a9b10");
    UUID module = UUID.fromString("5d2c9a77-1f3e-4b6a-8c41-2e9f0d7b3a65");
    byte[] bytes =
        KafkaExecutionListener.encode(
            new KafkaExecutionListener.Event(
                "moduleFailed",
                run,
                null,
                module,
                "Score",
                null,
                null,
                "java.lang.IllegalStateException",
                "model \"v2\" unavailable\n",
                null,
                Instant.parse("2026-03-01T12:00:00.123Z")));
    assertThat(new String(bytes, StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"schemaVersion\":1,\"event\":\"moduleFailed\","
                + "\"executionId\":\"0b6f3c4e-8a51-4a8e-9d0c-7f5e2f1a9b10\",\"dagName\":null,"
                + "\"moduleId\":\"5d2c9a77-1f3e-4b6a-8c41-2e9f0d7b3a65\",\"moduleName\":\"Score\","
                + "\"durationMs\":null,\"succeeded\":null,"
                + "\"error\":{\"type\":\"java.lang.IllegalStateException\","
                + "\"message\":\"model \\\"v2\\\" unavailable\\n\"},"
                + "\"missingInputs\":null,\"timestamp\":\"2026-03-01T12:00:00.123Z\"}");
  }

  @Test
  void longErrorMessagesAreCutNullMessagesStayNullAndMissingInputsAreSorted() throws Exception {
    String huge = "\u65e5".repeat(100_000);
    JsonNode cut =
        JSON.readTree(
            KafkaExecutionListener.encode(
                KafkaExecutionListener.capture(
                    "moduleFailed",
                    UUID.randomUUID(),
                    null,
                    UUID.randomUUID(),
                    "m",
                    null,
                    null,
                    new RuntimeException(huge),
                    null,
                    Instant.EPOCH)));
    String message = cut.get("error").get("message").asText();
    assertThat(message).hasSize(KafkaExecutionListener.MAX_ERROR_MESSAGE_CHARS).endsWith("...");

    JsonNode noMessage =
        JSON.readTree(
            KafkaExecutionListener.encode(
                KafkaExecutionListener.capture(
                    "moduleFailed",
                    UUID.randomUUID(),
                    null,
                    UUID.randomUUID(),
                    "m",
                    null,
                    null,
                    new Error(),
                    null,
                    Instant.EPOCH)));
    assertThat(noMessage.get("error").get("type").asText()).isEqualTo("java.lang.Error");
    assertThat(noMessage.get("error").get("message").isNull()).isTrue();

    JsonNode suspended =
        JSON.readTree(
            KafkaExecutionListener.encode(
                KafkaExecutionListener.capture(
                    "executionSuspended",
                    UUID.randomUUID(),
                    "d",
                    null,
                    null,
                    null,
                    null,
                    null,
                    new java.util.HashSet<>(List.of("z", "a", "m")),
                    Instant.EPOCH)));
    assertThat(suspended.get("missingInputs"))
        .extracting(JsonNode::asText)
        .containsExactly("a", "m", "z");
  }

  @Test
  void aCallbackWithUnusableArgumentsIsDroppedNotThrown() throws Exception {
    KafkaExecutionListener listener =
        KafkaExecutionListener.builder(deadBootstrap(), "events").bufferCapacity(10).build();
    try {
      java.util.Set<String> withNull = new java.util.HashSet<>();
      withNull.add(null);
      withNull.add("a");
      listener.onExecutionSuspended(UUID.randomUUID(), "d", withNull);
      assertThat(listener.droppedCount()).isEqualTo(1);
    } finally {
      listener.close(Duration.ofMillis(200));
    }
  }
}
