package io.constellation.server.config;

import java.util.Set;

/**
 * Turns a config URI into a backend. One factory per URI scheme, found with {@link
 * java.util.ServiceLoader}: a jar on the class path adds a scheme by listing its factory in {@code
 * META-INF/services/io.constellation.server.config.BackendFactory}.
 *
 * <p>Thread-safety: factories are called from the wiring thread only; the backends they return must
 * be thread-safe (see each SPI).
 *
 * <p>Blocking: {@link #create} may block (connecting to a server) and should fail within a few
 * seconds when the server cannot be reached.
 *
 * <p>Failure: throw {@link ConfigException} with a one-line message naming the URI when it is
 * malformed or the backend cannot be reached; the server prints it and stops.
 */
public interface BackendFactory {
  /** The lower-case scheme this factory handles, as {@link BackendUri#scheme()} computes it. */
  String scheme();

  /** The kinds this factory can create. */
  Set<BackendKind> kinds();

  /**
   * Creates a backend of {@code kind} (one of {@link #kinds()}) for {@code uri}; the result must
   * implement {@link BackendKind#type()}.
   */
  Object create(BackendKind kind, BackendUri uri, BackendContext context);

  /** One line describing what {@link #create} made, for the startup summary. */
  default String describe(BackendKind kind, BackendUri uri) {
    return uri.redacted();
  }
}
