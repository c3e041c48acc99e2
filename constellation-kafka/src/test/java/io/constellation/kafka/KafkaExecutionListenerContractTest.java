package io.constellation.kafka;

import io.constellation.spi.ExecutionListener;
import io.constellation.tck.ExecutionListenerContract;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.extension.ExtendWith;

/** The listener TCK against a real (in-process) Kafka broker, read back with a consumer. */
@ExtendWith(KafkaBroker.Extension.class)
class KafkaExecutionListenerContractTest extends ExecutionListenerContract {
  private final KafkaBroker broker;
  private TopicReader reader;

  KafkaExecutionListenerContractTest(KafkaBroker broker) {
    this.broker = broker;
  }

  @Override
  protected ExecutionListener createListener() {
    String topic = broker.createTopic("tck-events", 3);
    reader = new TopicReader(broker, topic);
    return KafkaExecutionListener.builder(broker.bootstrapServers(), topic).build();
  }

  @Override
  protected List<String> deliveredEvents(UUID executionId) {
    return reader.events(executionId);
  }

  @Override
  protected Duration deliveryTimeout() {
    return Duration.ofSeconds(20);
  }

  @Override
  protected void closeListener(ExecutionListener listener) {
    try {
      ((KafkaExecutionListener) listener).close(Duration.ofSeconds(10));
    } finally {
      try {
        reader.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
