package io.constellation.server.config;

import io.constellation.kafka.KafkaExecutionListener;
import java.util.EnumSet;
import java.util.Set;

/**
 * {@code kafka://host:port[,host:port]/topic}: execution events as JSON records keyed by execution
 * id ({@link KafkaExecutionListener}; its own sender thread and bounded buffer, so an unreachable
 * broker never slows a run).
 */
public final class KafkaBackendFactory implements BackendFactory {
  @Override
  public String scheme() {
    return "kafka";
  }

  @Override
  public Set<BackendKind> kinds() {
    return EnumSet.of(BackendKind.LISTENER);
  }

  @Override
  public Object create(BackendKind kind, BackendUri uri, BackendContext context) {
    String rest = uri.rest();
    if (!rest.startsWith("//")) {
      throw new ConfigException("listener '" + uri.raw() + "': expected kafka://HOST:PORT/TOPIC");
    }
    String hostsAndTopic = rest.substring(2);
    int slash = hostsAndTopic.indexOf('/');
    if (slash <= 0 || slash == hostsAndTopic.length() - 1) {
      throw new ConfigException(
          "listener '" + uri.raw() + "': expected kafka://HOST:PORT/TOPIC (the topic is missing)");
    }
    String bootstrap = hostsAndTopic.substring(0, slash);
    String topic = hostsAndTopic.substring(slash + 1);
    int q = topic.indexOf('?');
    if (q >= 0) {
      topic = topic.substring(0, q);
    }
    KafkaExecutionListener listener = KafkaExecutionListener.builder(bootstrap, topic).build();
    context.onClose(listener);
    return listener;
  }

  @Override
  public String describe(BackendKind kind, BackendUri uri) {
    return "Kafka " + uri.redacted();
  }
}
