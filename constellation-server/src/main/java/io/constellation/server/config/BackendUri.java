package io.constellation.server.config;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A backend URI from the config, split into its scheme and the rest. The scheme is: for {@code
 * jdbc:} URIs the first two parts ({@code jdbc:postgresql}, {@code jdbc:sqlite}); for URIs with a
 * colon the part before it ({@code redis}, {@code kafka}); for a bare word the word itself ({@code
 * memory}, {@code prometheus}, {@code audit}).
 *
 * @param raw the URI as written
 * @param scheme the lower-case scheme
 * @param rest what follows {@code scheme:} (may be empty)
 */
public record BackendUri(String raw, String scheme, String rest) {
  public BackendUri {
    requireNonNull(raw, "raw");
    requireNonNull(scheme, "scheme");
    requireNonNull(rest, "rest");
  }

  /**
   * Splits {@code raw}.
   *
   * @throws ConfigException when it is blank or has an empty scheme
   */
  public static BackendUri parse(String raw) {
    requireNonNull(raw, "raw");
    String t = raw.strip();
    if (t.isEmpty()) {
      throw new ConfigException("empty backend URI");
    }
    String scheme;
    String rest;
    String lower = t.toLowerCase(Locale.ROOT);
    if (lower.startsWith("jdbc:")) {
      int second = t.indexOf(':', 5);
      scheme = second < 0 ? lower : lower.substring(0, second);
      rest = second < 0 ? "" : t.substring(second + 1);
    } else {
      int colon = t.indexOf(':');
      scheme = colon < 0 ? lower : lower.substring(0, colon);
      rest = colon < 0 ? "" : t.substring(colon + 1);
    }
    if (scheme.isEmpty() || scheme.equals("jdbc") || !scheme.matches("[a-z][a-z0-9+.\\-:]*")) {
      throw new ConfigException("'" + raw + "' has no valid scheme (e.g. redis://host:6379)");
    }
    return new BackendUri(raw.strip(), scheme, rest);
  }

  /**
   * The URI as a {@link URI} ({@code redis://host:6379/0} style).
   *
   * @throws ConfigException when it does not parse or has no host
   */
  public URI hierarchical() {
    try {
      URI u = new URI(raw);
      if (u.getHost() == null) {
        throw new ConfigException("'" + raw + "': expected " + scheme + "://HOST:PORT");
      }
      return u;
    } catch (URISyntaxException e) {
      throw new ConfigException("'" + raw + "' is not a valid URI: " + e.getReason());
    }
  }

  /** The host of a hierarchical URI. */
  public String host() {
    return hierarchical().getHost();
  }

  /** The port of a hierarchical URI, or {@code defaultPort}. */
  public int port(int defaultPort) {
    int p = hierarchical().getPort();
    return p < 0 ? defaultPort : p;
  }

  /** The path without its leading slash, if any. */
  public Optional<String> path() {
    String p = hierarchical().getPath();
    if (p == null || p.isEmpty() || p.equals("/")) {
      return Optional.empty();
    }
    return Optional.of(p.startsWith("/") ? p.substring(1) : p);
  }

  /** Query parameters ({@code ?a=1&b=2}). */
  public Map<String, String> query() {
    Map<String, String> out = new LinkedHashMap<>();
    int q = raw.indexOf('?');
    if (q < 0) {
      return out;
    }
    for (String part : raw.substring(q + 1).split("&")) {
      if (part.isEmpty()) {
        continue;
      }
      int eq = part.indexOf('=');
      out.put(eq < 0 ? part : part.substring(0, eq), eq < 0 ? "" : part.substring(eq + 1));
    }
    return out;
  }

  /** The URI with any password replaced by {@code ***} (for startup logs). */
  public String redacted() {
    return raw.replaceAll("(://[^:/@]*:)[^@/]*@", "$1***@")
        .replaceAll("(?i)(password=)[^&;]*", "$1***");
  }

  @Override
  public String toString() {
    return redacted();
  }
}
