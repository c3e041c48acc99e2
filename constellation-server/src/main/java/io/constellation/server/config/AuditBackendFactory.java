package io.constellation.server.config;

import io.constellation.spi.AuditLogListener;
import java.util.EnumSet;
import java.util.Set;

/** {@code audit}: one JSON line per execution event on the {@code constellation.audit} logger. */
public final class AuditBackendFactory implements BackendFactory {
  @Override
  public String scheme() {
    return "audit";
  }

  @Override
  public Set<BackendKind> kinds() {
    return EnumSet.of(BackendKind.LISTENER);
  }

  @Override
  public Object create(BackendKind kind, BackendUri uri, BackendContext context) {
    return AuditLogListener.create();
  }

  @Override
  public String describe(BackendKind kind, BackendUri uri) {
    return "audit log (logger " + AuditLogListener.LOGGER_NAME + ")";
  }
}
