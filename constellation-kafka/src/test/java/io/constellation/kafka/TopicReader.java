package io.constellation.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * Reads a topic from the beginning on its own thread and keeps, per record key (execution id), the
 * {@code event} field of each record in partition order. A record that is not a JSON object with an
 * {@code event} field is kept as {@code "INVALID: <value>"} so that tests fail on it.
 */
final class TopicReader implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, List<String>> eventsByKey = new ConcurrentHashMap<>();
  private final Map<String, Integer> partitionByKey = new ConcurrentHashMap<>();
  private final Thread thread;
  private volatile boolean stop;
  private volatile Throwable failure;

  TopicReader(KafkaBroker broker, String topic) {
    KafkaConsumer<String, String> consumer = broker.consumerFromStart(topic);
    thread =
        Thread.ofPlatform()
            .name("topic-reader-" + topic)
            .daemon()
            .start(
                () -> {
                  try (consumer) {
                    while (!stop) {
                      for (ConsumerRecord<String, String> r :
                          consumer.poll(Duration.ofMillis(50))) {
                        add(r);
                      }
                    }
                  } catch (Throwable t) {
                    failure = t;
                  }
                });
  }

  private void add(ConsumerRecord<String, String> r) {
    String name;
    try {
      JsonNode node = JSON.readTree(r.value());
      name = node.get("event").asText();
    } catch (Exception e) {
      name = "INVALID: " + r.value();
    }
    Integer previous = partitionByKey.putIfAbsent(r.key(), r.partition());
    if (previous != null && previous != r.partition()) {
      name = "WRONG PARTITION " + r.partition() + " (earlier " + previous + ")";
    }
    eventsByKey
        .computeIfAbsent(r.key(), k -> java.util.Collections.synchronizedList(new ArrayList<>()))
        .add(name);
  }

  List<String> events(UUID executionId) {
    if (failure != null) {
      throw new AssertionError("the topic reader failed", failure);
    }
    List<String> l = eventsByKey.get(executionId.toString());
    if (l == null) {
      return List.of();
    }
    synchronized (l) {
      return List.copyOf(l);
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop = true;
    thread.join(Duration.ofSeconds(10));
  }
}
