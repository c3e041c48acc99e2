package io.constellation.spi;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link ExecutionListener} that writes one JSON object per event, on one line, at INFO level to
 * the SLF4J logger {@value #LOGGER_NAME}. Fields, in this order, present when they apply:
 *
 * <ul>
 *   <li>{@code event}: {@code executionStart}, {@code moduleStart}, {@code moduleCacheHit}, {@code
 *       moduleComplete}, {@code moduleFailed}, {@code executionComplete}, {@code
 *       executionCancelled} or {@code executionSuspended};
 *   <li>{@code ts}: ISO-8601 instant from the listener's clock;
 *   <li>{@code executionId};
 *   <li>{@code dagName} (execution events) or {@code moduleId} and {@code moduleName} (module
 *       events);
 *   <li>{@code durationMs} (complete events), {@code succeeded} (executionComplete);
 *   <li>{@code error} (moduleFailed): {@code "<class name>: <message>"} on one line (line breaks
 *       become spaces), cut to {@value #MAX_ERROR_CHARS} characters;
 *   <li>{@code missingInputs} (executionSuspended): sorted array of names.
 * </ul>
 *
 * <p>Null arguments are written as JSON {@code null}; nothing is thrown for odd input. When the
 * logger's INFO level is off, events cost one level check.
 *
 * <p>Thread-safety: immutable and safe for concurrent use. Blocking: as much as the SLF4J backend's
 * appenders block (use an async appender for slow sinks). Failure: never throws from an event
 * method unless the logging backend does.
 */
public final class AuditLogListener implements ExecutionListener {
  /** The name of the default logger. */
  public static final String LOGGER_NAME = "constellation.audit";

  /** The longest {@code error} field written, in characters. */
  public static final int MAX_ERROR_CHARS = 4096;

  private static final JsonFactory JSON = new JsonFactory();

  private final Logger logger;
  private final Clock clock;

  private AuditLogListener(Logger logger, Clock clock) {
    this.logger = requireNonNull(logger, "logger");
    this.clock = requireNonNull(clock, "clock");
  }

  /** A listener writing to logger {@value #LOGGER_NAME} with timestamps from the UTC clock. */
  public static AuditLogListener create() {
    return new AuditLogListener(LoggerFactory.getLogger(LOGGER_NAME), Clock.systemUTC());
  }

  /** A listener writing to {@code logger} with timestamps from the UTC clock. */
  public static AuditLogListener create(Logger logger) {
    return new AuditLogListener(logger, Clock.systemUTC());
  }

  /** A copy that takes {@code ts} from {@code clock}. */
  public AuditLogListener withClock(Clock clock) {
    return new AuditLogListener(logger, clock);
  }

  /** A copy that writes to {@code logger}. */
  public AuditLogListener withLogger(Logger logger) {
    return new AuditLogListener(logger, clock);
  }

  @FunctionalInterface
  private interface Fields {
    void write(JsonGenerator g) throws IOException;
  }

  private void log(String event, UUID executionId, Fields fields) {
    if (!logger.isInfoEnabled()) {
      return;
    }
    StringWriter out = new StringWriter(128);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("event", event);
      g.writeStringField("ts", clock.instant().toString());
      g.writeStringField("executionId", executionId == null ? null : executionId.toString());
      fields.write(g);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write audit event " + event, e);
    }
    logger.info(out.toString());
  }

  private static void module(JsonGenerator g, UUID moduleId, String moduleName) throws IOException {
    g.writeStringField("moduleId", moduleId == null ? null : moduleId.toString());
    g.writeStringField("moduleName", moduleName);
  }

  static String errorText(Throwable error) {
    if (error == null) {
      return null;
    }
    String message = error.getMessage();
    String text = error.getClass().getName() + (message == null ? "" : ": " + message);
    text = text.replaceAll("\\R+", " ");
    if (text.length() > MAX_ERROR_CHARS) {
      int cut = MAX_ERROR_CHARS;
      if (Character.isHighSurrogate(text.charAt(cut - 1))) {
        cut--;
      }
      text = text.substring(0, cut) + "...";
    }
    return text;
  }

  @Override
  public void onExecutionStart(UUID executionId, String dagName) {
    log("executionStart", executionId, g -> g.writeStringField("dagName", dagName));
  }

  @Override
  public void onModuleStart(UUID executionId, UUID moduleId, String moduleName) {
    log("moduleStart", executionId, g -> module(g, moduleId, moduleName));
  }

  @Override
  public void onModuleCacheHit(UUID executionId, UUID moduleId, String moduleName) {
    log("moduleCacheHit", executionId, g -> module(g, moduleId, moduleName));
  }

  @Override
  public void onModuleComplete(
      UUID executionId, UUID moduleId, String moduleName, long durationMs) {
    log(
        "moduleComplete",
        executionId,
        g -> {
          module(g, moduleId, moduleName);
          g.writeNumberField("durationMs", durationMs);
        });
  }

  @Override
  public void onModuleFailed(UUID executionId, UUID moduleId, String moduleName, Throwable error) {
    log(
        "moduleFailed",
        executionId,
        g -> {
          module(g, moduleId, moduleName);
          g.writeStringField("error", errorText(error));
        });
  }

  @Override
  public void onExecutionComplete(
      UUID executionId, String dagName, boolean succeeded, long durationMs) {
    log(
        "executionComplete",
        executionId,
        g -> {
          g.writeStringField("dagName", dagName);
          g.writeNumberField("durationMs", durationMs);
          g.writeBooleanField("succeeded", succeeded);
        });
  }

  @Override
  public void onExecutionCancelled(UUID executionId, String dagName) {
    log("executionCancelled", executionId, g -> g.writeStringField("dagName", dagName));
  }

  @Override
  public void onExecutionSuspended(UUID executionId, String dagName, Set<String> missingInputs) {
    log(
        "executionSuspended",
        executionId,
        g -> {
          g.writeStringField("dagName", dagName);
          g.writeArrayFieldStart("missingInputs");
          if (missingInputs != null) {
            Set<String> sorted = new TreeSet<>();
            for (String name : missingInputs) {
              if (name != null) {
                sorted.add(name);
              }
            }
            for (String name : sorted) {
              g.writeString(name);
            }
          }
          g.writeEndArray();
        });
  }

  @Override
  public String toString() {
    return "AuditLogListener[" + logger.getName() + "]";
  }
}
