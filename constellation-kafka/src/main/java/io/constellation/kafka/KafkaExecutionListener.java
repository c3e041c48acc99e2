package io.constellation.kafka;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.constellation.ConstellationException;
import io.constellation.spi.ExecutionListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link ExecutionListener} that publishes one JSON event per callback to a Kafka topic (schema
 * in {@code docs/kafka-events.md}; {@code schemaVersion} 1). The record key is the execution id, so
 * all events of one execution land in one partition, in order.
 *
 * <p><b>Delivery:</b> each callback builds a small event value and offers it to a bounded buffer
 * ({@link Builder#bufferCapacity}); a dedicated sender thread takes events in order, encodes them
 * and hands them to a {@link KafkaProducer} configured with {@code acks=all} and {@code
 * enable.idempotence=true} (so retries neither duplicate nor reorder). Delivery is at-most-once
 * from the listener's point of view: an event is counted exactly once as {@linkplain #sentCount()
 * sent} (acknowledged by the broker), {@linkplain #failedCount() failed} (the producer gave up:
 * broker unreachable for {@code max.block.ms} or {@code delivery.timeout.ms}, record too large,
 * ...) or {@linkplain #droppedCount() dropped} (buffer full, listener closed, or still buffered
 * when {@link #close(Duration)} ran out of time).
 *
 * <p><b>Blocking:</b> the callbacks never block and never throw: when the buffer is full the event
 * is dropped and counted. Only the sender thread talks to Kafka.
 *
 * <p><b>Thread-safety:</b> all methods may be called from any thread.
 *
 * <p><b>Lifecycle:</b> the producer and the sender thread start in {@link Builder#build()}; {@link
 * #close(Duration)} stops accepting events, sends what is buffered and flushes the producer within
 * the timeout.
 */
public final class KafkaExecutionListener implements ExecutionListener, AutoCloseable {
  /** The {@code schemaVersion} field of every event this class publishes. */
  public static final int SCHEMA_VERSION = 1;

  /** Error messages longer than this many characters are cut (and end with {@code "..."}). */
  public static final int MAX_ERROR_MESSAGE_CHARS = 8_192;

  /** The buffer capacity when {@link Builder#bufferCapacity} is not set. */
  public static final int DEFAULT_BUFFER_CAPACITY = 10_000;

  private static final Logger LOG = LoggerFactory.getLogger(KafkaExecutionListener.class);
  private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
  private static final JsonFactory JSON = new JsonFactory();
  private static final long WARN_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

  /** One callback, captured on the caller's thread; encoded on the sender thread. */
  record Event(
      String event,
      UUID executionId,
      String dagName,
      UUID moduleId,
      String moduleName,
      Long durationMs,
      Boolean succeeded,
      String errorType,
      String errorMessage,
      List<String> missingInputs,
      Instant timestamp) {}

  private final String topic;
  private final Clock clock;
  private final Producer<String, byte[]> producer;
  private final ArrayBlockingQueue<Event> buffer;
  private final Thread sender;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile boolean draining;
  private volatile long lastWarnNanos = System.nanoTime() - WARN_INTERVAL_NANOS;

  private KafkaExecutionListener(Builder b) {
    this.topic = b.topic;
    this.clock = b.clock;
    this.buffer = new ArrayBlockingQueue<>(b.bufferCapacity);
    Map<String, Object> config = producerConfig(b);
    try {
      this.producer = new KafkaProducer<>(config);
    } catch (KafkaException e) {
      throw new ConstellationException(
          "Kafka producer configuration is invalid: " + e.getMessage(), e);
    }
    this.sender =
        Thread.ofPlatform()
            .daemon()
            .name("constellation-kafka-listener-" + topic)
            .start(this::sendLoop);
  }

  static Map<String, Object> producerConfig(Builder b) {
    Map<String, Object> c = new HashMap<>();
    c.put(ProducerConfig.ACKS_CONFIG, "all");
    c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    c.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
    c.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "1000");
    c.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
    c.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
    c.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    c.put(ProducerConfig.CLIENT_ID_CONFIG, "constellation-listener-" + b.topic);
    c.putAll(b.producerProperties);
    c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, b.bootstrapServers);
    c.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    c.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return c;
  }

  /**
   * A builder for a listener publishing to {@code topic} on the cluster at {@code bootstrapServers}
   * ({@code host:port[,host:port...]}).
   */
  public static Builder builder(String bootstrapServers, String topic) {
    return new Builder(bootstrapServers, topic);
  }

  /** The topic events are published to. */
  public String topic() {
    return topic;
  }

  /** Events acknowledged by the broker. */
  public long sentCount() {
    return sent.get();
  }

  /** Events the producer failed to deliver (broker unreachable, timeouts, rejected records). */
  public long failedCount() {
    return failed.get();
  }

  /** Events dropped before reaching the producer: buffer full, or listener closed. */
  public long droppedCount() {
    return dropped.get();
  }

  /** Events waiting in the buffer for the sender thread. */
  public int bufferedCount() {
    return buffer.size();
  }

  // ---- ExecutionListener -------------------------------------------------------------------

  @Override
  public void onExecutionStart(UUID executionId, String dagName) {
    offer("executionStart", executionId, dagName, null, null, null, null, null, null);
  }

  @Override
  public void onModuleStart(UUID executionId, UUID moduleId, String moduleName) {
    offer("moduleStart", executionId, null, moduleId, moduleName, null, null, null, null);
  }

  @Override
  public void onModuleCacheHit(UUID executionId, UUID moduleId, String moduleName) {
    offer("moduleCacheHit", executionId, null, moduleId, moduleName, null, null, null, null);
  }

  @Override
  public void onModuleComplete(
      UUID executionId, UUID moduleId, String moduleName, long durationMs) {
    offer("moduleComplete", executionId, null, moduleId, moduleName, durationMs, null, null, null);
  }

  @Override
  public void onModuleFailed(UUID executionId, UUID moduleId, String moduleName, Throwable error) {
    offer("moduleFailed", executionId, null, moduleId, moduleName, null, null, error, null);
  }

  @Override
  public void onExecutionComplete(
      UUID executionId, String dagName, boolean succeeded, long durationMs) {
    offer("executionComplete", executionId, dagName, null, null, durationMs, succeeded, null, null);
  }

  @Override
  public void onExecutionCancelled(UUID executionId, String dagName) {
    offer("executionCancelled", executionId, dagName, null, null, null, null, null, null);
  }

  @Override
  public void onExecutionSuspended(UUID executionId, String dagName, Set<String> missingInputs) {
    offer("executionSuspended", executionId, dagName, null, null, null, null, null, missingInputs);
  }

  private void offer(
      String event,
      UUID executionId,
      String dagName,
      UUID moduleId,
      String moduleName,
      Long durationMs,
      Boolean succeeded,
      Throwable error,
      Set<String> missingInputs) {
    if (closed.get()) {
      dropped.incrementAndGet();
      return;
    }
    Event e;
    try {
      e =
          capture(
              event,
              executionId,
              dagName,
              moduleId,
              moduleName,
              durationMs,
              succeeded,
              error,
              missingInputs,
              clock.instant());
    } catch (RuntimeException ex) {
      // Null elements in missingInputs or a throwing getMessage(): never let it reach the engine.
      dropped.incrementAndGet();
      warn("event " + event + " could not be captured", ex);
      return;
    }
    if (!buffer.offer(e)) {
      dropped.incrementAndGet();
    }
  }

  /** The event value of one callback: error reduced to type and (cut) message, inputs sorted. */
  static Event capture(
      String event,
      UUID executionId,
      String dagName,
      UUID moduleId,
      String moduleName,
      Long durationMs,
      Boolean succeeded,
      Throwable error,
      Set<String> missingInputs,
      Instant timestamp) {
    List<String> missing = null;
    if (missingInputs != null) {
      missing = new ArrayList<>(missingInputs);
      missing.sort(null);
    }
    return new Event(
        event,
        executionId,
        dagName,
        moduleId,
        moduleName,
        durationMs,
        succeeded,
        error == null ? null : error.getClass().getName(),
        error == null ? null : truncate(error.getMessage()),
        missing == null ? null : List.copyOf(missing),
        timestamp);
  }

  private static String truncate(String message) {
    if (message == null || message.length() <= MAX_ERROR_MESSAGE_CHARS) {
      return message;
    }
    int end = MAX_ERROR_MESSAGE_CHARS - 3;
    if (Character.isHighSurrogate(message.charAt(end - 1))) {
      end--;
    }
    return message.substring(0, end) + "...";
  }

  // ---- sender thread -----------------------------------------------------------------------

  private void sendLoop() {
    try {
      while (true) {
        Event e = buffer.poll(50, TimeUnit.MILLISECONDS);
        if (e == null) {
          if (draining) {
            return;
          }
          continue;
        }
        send(e);
      }
    } catch (InterruptedException | InterruptException stop) {
      // close() ran out of time; what is left in the buffer is counted as dropped there.
    }
  }

  private void send(Event e) {
    byte[] value;
    try {
      value = encode(e);
    } catch (RuntimeException ex) {
      failed.incrementAndGet();
      warn("could not encode event " + e.event(), ex);
      return;
    }
    ProducerRecord<String, byte[]> record =
        new ProducerRecord<>(
            topic, e.executionId() == null ? null : e.executionId().toString(), value);
    try {
      producer.send(
          record,
          (metadata, error) -> {
            if (error == null) {
              sent.incrementAndGet();
            } else {
              failed.incrementAndGet();
              warn("could not publish an execution event to " + topic, error);
            }
          });
    } catch (InterruptException ex) {
      failed.incrementAndGet();
      throw ex;
    } catch (RuntimeException ex) {
      failed.incrementAndGet();
      warn("could not publish an execution event to " + topic, ex);
    }
  }

  private void warn(String what, Throwable error) {
    long now = System.nanoTime();
    long last = lastWarnNanos;
    if (now - last >= WARN_INTERVAL_NANOS) {
      lastWarnNanos = now;
      LOG.warn(
          "{}: {} (sent={}, failed={}, dropped={}; further warnings suppressed for 10 s)",
          what,
          error.toString(),
          sent.get(),
          failed.get(),
          dropped.get());
    }
  }

  /** The JSON document of one event (UTF-8). Package-private for tests. */
  static byte[] encode(Event e) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("schemaVersion", SCHEMA_VERSION);
      g.writeStringField("event", e.event());
      g.writeStringField("executionId", str(e.executionId()));
      g.writeStringField("dagName", e.dagName());
      g.writeStringField("moduleId", str(e.moduleId()));
      g.writeStringField("moduleName", e.moduleName());
      if (e.durationMs() == null) {
        g.writeNullField("durationMs");
      } else {
        g.writeNumberField("durationMs", e.durationMs());
      }
      if (e.succeeded() == null) {
        g.writeNullField("succeeded");
      } else {
        g.writeBooleanField("succeeded", e.succeeded());
      }
      if (e.errorType() == null) {
        g.writeNullField("error");
      } else {
        g.writeObjectFieldStart("error");
        g.writeStringField("type", e.errorType());
        g.writeStringField("message", e.errorMessage());
        g.writeEndObject();
      }
      if (e.missingInputs() == null) {
        g.writeNullField("missingInputs");
      } else {
        g.writeArrayFieldStart("missingInputs");
        for (String s : e.missingInputs()) {
          g.writeString(s);
        }
        g.writeEndArray();
      }
      g.writeStringField("timestamp", e.timestamp().toString());
      g.writeEndObject();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return out.toByteArray();
  }

  private static String str(UUID id) {
    return id == null ? null : id.toString();
  }

  // ---- lifecycle ---------------------------------------------------------------------------

  /**
   * Stops accepting events (later callbacks are dropped and counted), lets the sender thread
   * publish what is buffered, then flushes and closes the producer, all within {@code timeout}.
   * Events still buffered when the time is up are counted as dropped; records the producer could
   * not deliver in time are counted as failed. Idempotent; blocks the caller up to about {@code
   * timeout}.
   */
  public void close(Duration timeout) {
    requireNonNull(timeout, "timeout");
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
    draining = true;
    try {
      if (!sender.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))) {
        sender.interrupt();
        sender.join(Duration.ofSeconds(5));
      }
    } catch (InterruptedException e) {
      sender.interrupt();
      Thread.currentThread().interrupt();
    }
    List<Event> left = new ArrayList<>();
    buffer.drainTo(left);
    dropped.addAndGet(left.size());
    producer.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
  }

  /** {@link #close(Duration)} with 10 seconds. */
  @Override
  public void close() {
    close(Duration.ofSeconds(10));
  }

  @Override
  public String toString() {
    return "KafkaExecutionListener[" + topic + "]";
  }

  /** Options for {@link KafkaExecutionListener}. Not thread-safe; use from one thread. */
  public static final class Builder {
    private final String bootstrapServers;
    private final String topic;
    private int bufferCapacity = DEFAULT_BUFFER_CAPACITY;
    private final Map<String, Object> producerProperties = new HashMap<>();
    private Clock clock = Clock.systemUTC();

    private Builder(String bootstrapServers, String topic) {
      requireNonNull(bootstrapServers, "bootstrapServers");
      requireNonNull(topic, "topic");
      if (bootstrapServers.isBlank()) {
        throw new IllegalArgumentException("bootstrapServers: must not be blank");
      }
      if (!TOPIC.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
        throw new IllegalArgumentException(
            "topic: '"
                + topic
                + "' is not a valid Kafka topic name (1-249 characters of a-z A-Z 0-9 . _ -)");
      }
      this.bootstrapServers = bootstrapServers;
      this.topic = topic;
    }

    /** How many events may wait for the sender thread (default 10 000); more are dropped. */
    public Builder bufferCapacity(int capacity) {
      if (capacity < 1) {
        throw new IllegalArgumentException("bufferCapacity: must be at least 1, got " + capacity);
      }
      this.bufferCapacity = capacity;
      return this;
    }

    /**
     * Sets a Kafka producer property (security, batching, timeouts, ...), overriding this class's
     * defaults. {@code bootstrap.servers} and the serializers cannot be overridden.
     */
    public Builder producerProperty(String key, Object value) {
      requireNonNull(key, "key");
      requireNonNull(value, "value");
      producerProperties.put(key, value);
      return this;
    }

    /** The clock for the {@code timestamp} field (default UTC system clock). */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Creates the producer and starts the sender thread. Does not contact the cluster.
     *
     * @throws ConstellationException when the producer configuration is invalid (the message names
     *     the property)
     */
    public KafkaExecutionListener build() {
      return new KafkaExecutionListener(this);
    }

    Map<String, Object> producerConfig() {
      return KafkaExecutionListener.producerConfig(this);
    }
  }
}
