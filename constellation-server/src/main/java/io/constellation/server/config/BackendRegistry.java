package io.constellation.server.config;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The {@link BackendFactory}s found on the class path, by scheme.
 *
 * <p>Thread-safety: immutable after {@link #load}.
 */
public final class BackendRegistry {
  private final Map<String, BackendFactory> byScheme;

  private BackendRegistry(Map<String, BackendFactory> byScheme) {
    this.byScheme = Collections.unmodifiableMap(new TreeMap<>(byScheme));
  }

  /**
   * Every factory registered through {@link ServiceLoader} with {@code loader}.
   *
   * @throws ConfigException when two factories claim the same scheme
   */
  public static BackendRegistry load(ClassLoader loader) {
    return of(
        ServiceLoader.load(BackendFactory.class, loader).stream()
            .map(ServiceLoader.Provider::get)
            .toList());
  }

  /** A registry of exactly these factories. */
  public static BackendRegistry of(List<BackendFactory> factories) {
    Map<String, BackendFactory> map = new TreeMap<>();
    for (BackendFactory f : factories) {
      String scheme = requireNonNull(f.scheme(), "scheme").toLowerCase(java.util.Locale.ROOT);
      BackendFactory previous = map.putIfAbsent(scheme, f);
      if (previous != null && previous.getClass() != f.getClass()) {
        throw new ConfigException(
            "two backend factories claim scheme '"
                + scheme
                + "': "
                + previous.getClass().getName()
                + " and "
                + f.getClass().getName());
      }
    }
    return new BackendRegistry(map);
  }

  /** Schemes that can create {@code kind}, sorted. */
  public List<String> schemesFor(BackendKind kind) {
    List<String> out = new ArrayList<>();
    byScheme.forEach(
        (s, f) -> {
          if (f.kinds().contains(kind)) {
            out.add(s);
          }
        });
    return out;
  }

  /** The factory for {@code uri}'s scheme that can make {@code kind}. */
  public BackendFactory factoryFor(BackendKind kind, BackendUri uri) {
    BackendFactory f = byScheme.get(uri.scheme());
    if (f == null) {
      throw new ConfigException(
          kind.label()
              + ": unknown scheme '"
              + uri.scheme()
              + "' in '"
              + uri.redacted()
              + "' (known for "
              + kind.label()
              + ": "
              + String.join(", ", schemesFor(kind))
              + ")");
    }
    if (!f.kinds().contains(kind)) {
      throw new ConfigException(
          kind.label()
              + ": '"
              + uri.scheme()
              + "' cannot be a "
              + kind.label()
              + " (it provides: "
              + f.kinds().stream()
                  .map(BackendKind::label)
                  .sorted()
                  .collect(Collectors.joining(", "))
              + "; use one of: "
              + String.join(", ", schemesFor(kind))
              + ")");
    }
    return f;
  }

  /**
   * Creates the backend of {@code kind} for {@code rawUri}.
   *
   * @throws ConfigException with one line naming the URI when it is unknown, unsupported, malformed
   *     or unreachable
   */
  public <T> T create(BackendKind kind, Class<T> type, String rawUri, BackendContext context) {
    if (!kind.type().equals(type)) {
      throw new IllegalArgumentException(type + " is not the type of " + kind);
    }
    BackendUri uri = BackendUri.parse(rawUri);
    BackendFactory f = factoryFor(kind, uri);
    Object made;
    try {
      made = f.create(kind, uri, context);
    } catch (ConfigException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ConfigException(kind.label() + " '" + uri.redacted() + "': " + oneLine(e), e);
    }
    if (!type.isInstance(made)) {
      throw new ConfigException(
          kind.label()
              + " '"
              + uri.redacted()
              + "': factory "
              + f.getClass().getName()
              + " returned "
              + (made == null ? "null" : made.getClass().getName())
              + ", not a "
              + type.getSimpleName());
    }
    return type.cast(made);
  }

  /** Every registered scheme. */
  public List<String> schemes() {
    return List.copyOf(byScheme.keySet());
  }

  private static String oneLine(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (root != e && root.getMessage() != null && !m.contains(root.getMessage())) {
      m = m + ": " + root.getMessage();
    }
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
