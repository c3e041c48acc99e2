package io.constellation.server.config;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds a {@link ServerConfig} from three sources, highest precedence first: command-line flags,
 * {@code CONSTELLATION_*} environment variables, and a properties file ({@code --config FILE} or
 * {@code CONSTELLATION_CONFIG}). Every setting has the same name in all three: flag {@code
 * --pipeline-store}, variable {@code CONSTELLATION_PIPELINE_STORE}, file key {@code
 * pipeline-store}. Repeatable settings ({@code listener}, {@code cache-backend}, {@code api-key})
 * take comma-separated lists in the variable and the file; a higher source replaces the whole list.
 *
 * <p>Thread-safety: stateless.
 */
public final class ConfigLoader {
  /** Every setting name. */
  public static final Set<String> KEYS =
      Set.of(
          "host",
          "port",
          "data-dir",
          "cache",
          "cache-backend",
          "pipeline-store",
          "suspension-store",
          "metrics",
          "tracer",
          "listener",
          "pipelines",
          "api-key",
          "rate-limit",
          "max-body",
          "drain-timeout",
          "recent-runs",
          "config");

  private static final Set<String> LISTS = Set.of("listener", "cache-backend", "api-key");
  private static final Pattern SIZE =
      Pattern.compile("(?i)\\s*(\\d+)\\s*(b|kb|kib|k|mb|mib|m|gb|gib|g)?\\s*");
  private static final Pattern DURATION = Pattern.compile("\\s*(\\d+)\\s*(ms|s|min|m|h)?\\s*");

  private ConfigLoader() {}

  /**
   * Loads the config.
   *
   * @param flags settings given as flags (name without {@code --} → values; only those set)
   * @param env the environment ({@code System.getenv()})
   * @throws ConfigException one line naming the bad setting and where it came from
   */
  public static ServerConfig load(Map<String, List<String>> flags, Map<String, String> env) {
    requireNonNull(flags, "flags");
    requireNonNull(env, "env");
    Map<String, Sourced> merged = new LinkedHashMap<>();
    flags.forEach(
        (k, v) -> {
          if (!KEYS.contains(k)) {
            throw new ConfigException("unknown setting '--" + k + "'");
          }
          if (!v.isEmpty()) {
            merged.put(k, new Sourced(List.copyOf(v), "--" + k));
          }
        });
    for (String key : KEYS) {
      String var = envName(key);
      String value = env.get(var);
      if (value != null && !value.isBlank() && !merged.containsKey(key)) {
        merged.put(key, new Sourced(split(key, value), var));
      }
    }
    Sourced configFile = merged.get("config");
    if (configFile != null) {
      Path file = Path.of(configFile.single());
      readFile(file)
          .forEach(
              (k, v) -> {
                if (!merged.containsKey(k)) {
                  merged.put(k, new Sourced(split(k, v), file + ": " + k));
                }
              });
    }
    return build(merged);
  }

  /** {@code CONSTELLATION_PIPELINE_STORE} for {@code pipeline-store}. */
  public static String envName(String key) {
    return "CONSTELLATION_" + key.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  private static Map<String, String> readFile(Path file) {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException e) {
      throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (String k : new TreeSet<>(p.stringPropertyNames())) {
      if (!KEYS.contains(k) || k.equals("config")) {
        throw new ConfigException(
            "config file "
                + file
                + ": unknown setting '"
                + k
                + "' (known: "
                + new TreeSet<>(KEYS)
                + ")");
      }
      out.put(k, p.getProperty(k));
    }
    return out;
  }

  private static List<String> split(String key, String value) {
    if (!LISTS.contains(key)) {
      return List.of(value.strip());
    }
    List<String> out = new ArrayList<>();
    for (String part : value.split(",")) {
      if (!part.isBlank()) {
        out.add(part.strip());
      }
    }
    return out;
  }

  private record Sourced(List<String> values, String source) {
    String single() {
      if (values.size() != 1) {
        throw new ConfigException(source + " may be given only once");
      }
      return values.get(0);
    }
  }

  private static ServerConfig build(Map<String, Sourced> m) {
    Path dataDir = Path.of(get(m, "data-dir").map(Sourced::single).orElse("data"));
    ServerConfig d = ServerConfig.defaults(dataDir);
    int port = get(m, "port").map(s -> parseInt(s, 0, 65535)).orElse(d.port());
    Map<String, String> named = new LinkedHashMap<>();
    get(m, "cache-backend")
        .ifPresent(
            s -> {
              for (String v : s.values()) {
                int eq = v.indexOf('=');
                if (eq <= 0 || eq == v.length() - 1) {
                  throw new ConfigException(s.source() + ": expected NAME=URI but got '" + v + "'");
                }
                named.put(v.substring(0, eq).strip(), v.substring(eq + 1).strip());
              }
            });
    String rateLimit = get(m, "rate-limit").map(Sourced::single).orElse(d.rateLimit());
    try {
      io.constellation.server.auth.RateLimiter.parse(rateLimit);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(sourceOf(m, "rate-limit") + ": " + e.getMessage());
    }
    return new ServerConfig(
        get(m, "host").map(Sourced::single).orElse(d.host()),
        port,
        dataDir,
        get(m, "cache").map(Sourced::single).orElse(d.cache()),
        named,
        get(m, "pipeline-store").map(Sourced::single).orElse(d.pipelineStore()),
        get(m, "suspension-store").map(Sourced::single).orElse(d.suspensionStore()),
        get(m, "metrics").map(Sourced::single).orElse(d.metrics()),
        get(m, "tracer").map(Sourced::single).orElse(d.tracer()),
        get(m, "listener").map(Sourced::values).orElse(d.listeners()),
        get(m, "pipelines").map(s -> Path.of(s.single())),
        get(m, "api-key").map(Sourced::values).orElse(List.of()),
        rateLimit,
        get(m, "max-body").map(ConfigLoader::parseSize).orElse(d.maxBodyBytes()),
        get(m, "drain-timeout").map(ConfigLoader::parseDuration).orElse(d.drainTimeout()),
        get(m, "recent-runs").map(s -> parseInt(s, 1, 100_000)).orElse(d.recentRuns()));
  }

  private static Optional<Sourced> get(Map<String, Sourced> m, String key) {
    return Optional.ofNullable(m.get(key));
  }

  private static String sourceOf(Map<String, Sourced> m, String key) {
    return get(m, key).map(Sourced::source).orElse("--" + key);
  }

  private static int parseInt(Sourced s, int min, int max) {
    String v = s.single();
    try {
      int n = Integer.parseInt(v.strip());
      if (n < min || n > max) {
        throw new ConfigException(
            s.source() + ": must be between " + min + " and " + max + ", was " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new ConfigException(s.source() + ": expected a whole number but got '" + v + "'");
    }
  }

  /** Parses {@code 10MiB}, {@code 512k}, {@code 1048576}. */
  static long parseSize(Sourced s) {
    Matcher mm = SIZE.matcher(s.single());
    if (!mm.matches()) {
      throw new ConfigException(
          s.source()
              + ": expected a size such as 10MiB, 512KiB or 1048576 but got '"
              + s.single()
              + "'");
    }
    long n = Long.parseLong(mm.group(1));
    String unit = mm.group(2) == null ? "b" : mm.group(2).toLowerCase(Locale.ROOT);
    long mult =
        switch (unit) {
          case "kb", "kib", "k" -> 1024L;
          case "mb", "mib", "m" -> 1024L * 1024;
          case "gb", "gib", "g" -> 1024L * 1024 * 1024;
          default -> 1L;
        };
    if (n <= 0) {
      throw new ConfigException(s.source() + ": must be > 0");
    }
    return n * mult;
  }

  /** Parses {@code 30s}, {@code 500ms}, {@code 2min}, {@code 1h}; a bare number is seconds. */
  static Duration parseDuration(Sourced s) {
    Matcher mm = DURATION.matcher(s.single());
    if (!mm.matches()) {
      throw new ConfigException(
          s.source()
              + ": expected a duration such as 30s, 500ms or 2min but got '"
              + s.single()
              + "'");
    }
    long n = Long.parseLong(mm.group(1));
    String unit = mm.group(2) == null ? "s" : mm.group(2);
    return switch (unit) {
      case "ms" -> Duration.ofMillis(n);
      case "min", "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofSeconds(n);
    };
  }
}
