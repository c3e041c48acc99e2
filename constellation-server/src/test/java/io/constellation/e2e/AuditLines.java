package io.constellation.e2e;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * An SLF4J logger that keeps every INFO line in memory, so a test can read what {@link
 * io.constellation.spi.AuditLogListener} wrote. Thread-safe.
 */
final class AuditLines extends LegacyAbstractLogger {
  private static final long serialVersionUID = 1L;
  private final transient List<String> lines = new ArrayList<>();

  AuditLines() {
    this.name = "e2e.audit";
  }

  /** A copy of the lines logged so far. */
  synchronized List<String> lines() {
    return List.copyOf(lines);
  }

  @Override
  protected synchronized void handleNormalizedLoggingCall(
      Level level, Marker marker, String message, Object[] args, Throwable error) {
    if (level == Level.INFO) {
      lines.add(MessageFormatter.basicArrayFormat(message, args));
    }
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    return null;
  }

  @Override
  public boolean isTraceEnabled() {
    return false;
  }

  @Override
  public boolean isDebugEnabled() {
    return false;
  }

  @Override
  public boolean isInfoEnabled() {
    return true;
  }

  @Override
  public boolean isWarnEnabled() {
    return true;
  }

  @Override
  public boolean isErrorEnabled() {
    return true;
  }
}
