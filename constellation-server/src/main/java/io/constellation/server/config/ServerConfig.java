package io.constellation.server.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything {@code constellation serve} is configured with. Built by {@link ConfigLoader} from
 * flags, {@code CONSTELLATION_*} environment variables and a config file.
 *
 * @param host address to bind (default {@code 127.0.0.1}; {@code 0.0.0.0} for every interface)
 * @param port HTTP port (default 8080; 0 picks a free one)
 * @param dataDir directory of the embedded SQLite database (default {@code ./data})
 * @param cache default cache URI (default {@code memory})
 * @param cacheBackends named caches, name → URI ({@code cache_backend: "name"})
 * @param pipelineStore pipeline store URI (default {@code jdbc:sqlite:DATA/constellation.db})
 * @param suspensionStore suspension store URI (default: the same SQLite file)
 * @param metrics metrics URI ({@code prometheus} default, {@code otlp}, {@code none})
 * @param tracer tracer URI ({@code none} default, {@code otlp})
 * @param listeners listener URIs ({@code audit}, {@code kafka://host:port/topic}, ...)
 * @param pipelinesDir directory of {@code .cst} files loaded and aliased at start
 * @param apiKeys API key specs ({@code ROLE:KEY} or {@code ROLE:sha256:HEX}); none = auth off
 * @param rateLimit per-client limit ({@code 100/1s}, {@code off})
 * @param maxBodyBytes request body limit (default 10 MiB)
 * @param drainTimeout how long in-flight runs may finish on shutdown (default 30 s)
 * @param recentRuns how many finished runs the dashboard remembers (default 200)
 */
public record ServerConfig(
    String host,
    int port,
    Path dataDir,
    String cache,
    Map<String, String> cacheBackends,
    String pipelineStore,
    String suspensionStore,
    String metrics,
    String tracer,
    List<String> listeners,
    Optional<Path> pipelinesDir,
    List<String> apiKeys,
    String rateLimit,
    long maxBodyBytes,
    Duration drainTimeout,
    int recentRuns) {
  public static final long DEFAULT_MAX_BODY = 10L * 1024 * 1024;

  public ServerConfig {
    requireNonNull(host, "host");
    requireNonNull(dataDir, "dataDir");
    requireNonNull(cache, "cache");
    cacheBackends = Map.copyOf(cacheBackends);
    requireNonNull(pipelineStore, "pipelineStore");
    requireNonNull(suspensionStore, "suspensionStore");
    requireNonNull(metrics, "metrics");
    requireNonNull(tracer, "tracer");
    listeners = List.copyOf(listeners);
    requireNonNull(pipelinesDir, "pipelinesDir");
    apiKeys = List.copyOf(apiKeys);
    requireNonNull(rateLimit, "rateLimit");
    requireNonNull(drainTimeout, "drainTimeout");
    if (port < 0 || port > 65535) {
      throw new ConfigException("port must be between 0 and 65535, was " + port);
    }
    if (maxBodyBytes <= 0) {
      throw new ConfigException("max-body must be > 0");
    }
    if (recentRuns <= 0) {
      throw new ConfigException("recent-runs must be > 0");
    }
  }

  /** The embedded default: SQLite under {@code dataDir}, in-memory cache, Prometheus metrics. */
  public static ServerConfig defaults(Path dataDir) {
    String sqlite = sqliteUri(dataDir);
    return new ServerConfig(
        "127.0.0.1",
        8080,
        dataDir,
        "memory",
        Map.of(),
        sqlite,
        sqlite,
        "prometheus",
        "none",
        List.of(),
        Optional.empty(),
        List.of(),
        "100/1s",
        DEFAULT_MAX_BODY,
        Duration.ofSeconds(30),
        200);
  }

  /** {@code jdbc:sqlite:DIR/constellation.db}. */
  public static String sqliteUri(Path dataDir) {
    return "jdbc:sqlite:" + dataDir.resolve("constellation.db");
  }

  public ServerConfig withPort(int port) {
    Copy c = new Copy(this);
    c.port = port;
    return c.build();
  }

  public ServerConfig withApiKeys(List<String> keys) {
    Copy c = new Copy(this);
    c.apiKeys = keys;
    return c.build();
  }

  public ServerConfig withRateLimit(String limit) {
    Copy c = new Copy(this);
    c.rateLimit = limit;
    return c.build();
  }

  public ServerConfig withPipelinesDir(Path dir) {
    Copy c = new Copy(this);
    c.pipelinesDir = Optional.ofNullable(dir);
    return c.build();
  }

  public ServerConfig withStores(String pipelineStore, String suspensionStore) {
    Copy c = new Copy(this);
    c.pipelineStore = pipelineStore;
    c.suspensionStore = suspensionStore;
    return c.build();
  }

  public ServerConfig withMaxBodyBytes(long max) {
    Copy c = new Copy(this);
    c.maxBodyBytes = max;
    return c.build();
  }

  public ServerConfig withListeners(List<String> listeners) {
    Copy c = new Copy(this);
    c.listeners = listeners;
    return c.build();
  }

  public ServerConfig withCache(String cache) {
    Copy c = new Copy(this);
    c.cache = cache;
    return c.build();
  }

  public ServerConfig withMetrics(String metrics) {
    Copy c = new Copy(this);
    c.metrics = metrics;
    return c.build();
  }

  /** A mutable copy for the {@code with*} methods: set what changes, then {@link #build()}. */
  private static final class Copy {
    String host;
    int port;
    Path dataDir;
    String cache;
    Map<String, String> cacheBackends;
    String pipelineStore;
    String suspensionStore;
    String metrics;
    String tracer;
    List<String> listeners;
    Optional<Path> pipelinesDir;
    List<String> apiKeys;
    String rateLimit;
    long maxBodyBytes;
    Duration drainTimeout;
    int recentRuns;

    Copy(ServerConfig c) {
      host = c.host;
      port = c.port;
      dataDir = c.dataDir;
      cache = c.cache;
      cacheBackends = c.cacheBackends;
      pipelineStore = c.pipelineStore;
      suspensionStore = c.suspensionStore;
      metrics = c.metrics;
      tracer = c.tracer;
      listeners = c.listeners;
      pipelinesDir = c.pipelinesDir;
      apiKeys = c.apiKeys;
      rateLimit = c.rateLimit;
      maxBodyBytes = c.maxBodyBytes;
      drainTimeout = c.drainTimeout;
      recentRuns = c.recentRuns;
    }

    ServerConfig build() {
      return new ServerConfig(
          host,
          port,
          dataDir,
          cache,
          cacheBackends,
          pipelineStore,
          suspensionStore,
          metrics,
          tracer,
          listeners,
          pipelinesDir,
          apiKeys,
          rateLimit,
          maxBodyBytes,
          drainTimeout,
          recentRuns);
    }
  }
}
