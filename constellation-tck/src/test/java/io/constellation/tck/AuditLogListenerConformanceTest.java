package io.constellation.tck;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.constellation.spi.AuditLogListener;
import io.constellation.spi.ExecutionListener;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.LoggerFactory;

/**
 * {@link AuditLogListener} passes the listener kit; its sink is the {@code constellation.audit}
 * logger, captured by a logback {@link ListAppender}. Every captured line must be one JSON object
 * on one line.
 */
class AuditLogListenerConformanceTest extends ExecutionListenerContract {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private Logger logger;
  private Level previousLevel;
  private boolean previousAdditive;

  @Override
  protected ExecutionListener createListener() {
    logger = (Logger) LoggerFactory.getLogger(AuditLogListener.LOGGER_NAME);
    previousLevel = logger.getLevel();
    previousAdditive = logger.isAdditive();
    logger.setLevel(Level.INFO);
    logger.setAdditive(false);
    appender.start();
    logger.addAppender(appender);
    return AuditLogListener.create();
  }

  @Override
  protected void closeListener(ExecutionListener listener) {
    logger.detachAppender(appender);
    appender.stop();
    logger.setLevel(previousLevel);
    logger.setAdditive(previousAdditive);
  }

  @Override
  protected List<String> deliveredEvents(UUID executionId) {
    List<ILoggingEvent> lines;
    synchronized (appender) {
      lines = new ArrayList<>(appender.list);
    }
    List<String> events = new ArrayList<>();
    for (ILoggingEvent line : lines) {
      String text = line.getFormattedMessage();
      if (text.contains("\n") || text.contains("\r")) {
        throw new AssertionError("audit line spans several lines: " + text);
      }
      JsonNode node;
      try {
        node = JSON.readTree(text);
      } catch (Exception e) {
        throw new AssertionError("audit line is not JSON: " + text, e);
      }
      if (executionId.toString().equals(node.path("executionId").asText())) {
        events.add(node.path("event").asText());
      }
    }
    return events;
  }
}
