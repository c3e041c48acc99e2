package io.constellation.server;

import static java.util.Objects.requireNonNull;

import io.constellation.Constellation;
import io.constellation.ConstellationImpl;
import io.constellation.PipelineStore;
import io.constellation.SuspensionStore;
import io.constellation.cache.CacheBackend;
import io.constellation.pipeline.PipelineImage;
import io.constellation.server.auth.ApiKeys;
import io.constellation.server.auth.RateLimiter;
import io.constellation.server.config.BackendKind;
import io.constellation.server.config.BackendRegistry;
import io.constellation.server.config.BackendUri;
import io.constellation.server.config.ConfigException;
import io.constellation.server.config.ServerConfig;
import io.constellation.server.config.Wiring;
import io.constellation.server.http.ApiSettings;
import io.constellation.server.http.HttpApi;
import io.constellation.server.http.LangSourceCompiler;
import io.constellation.server.http.RunningExecutions;
import io.constellation.spi.ExecutionListener;
import io.constellation.spi.MetricsProvider;
import io.constellation.spi.TracerProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A running server: config → backends (through {@link BackendRegistry}) → engine → modules → {@code
 * --pipelines} → HTTP API. {@link #shutdown()} drains: new runs get 503, in-flight runs get the
 * drain timeout to finish, then the HTTP server and the backends are closed.
 *
 * <p>Thread-safety: {@link #shutdown()} is idempotent and may be called from any thread (e.g. a JVM
 * shutdown hook).
 */
public final class ServerRuntime implements AutoCloseable {
  private final ServerConfig config;
  private final Constellation engine;
  private final HttpApi api;
  private final Wiring wiring;
  private final List<String> summary;
  private final AtomicBoolean stopped = new AtomicBoolean();

  private ServerRuntime(
      ServerConfig config, Constellation engine, HttpApi api, Wiring wiring, List<String> summary) {
    this.config = config;
    this.engine = engine;
    this.api = api;
    this.wiring = wiring;
    this.summary = List.copyOf(summary);
  }

  /** Starts with the built-in modules and the factories on this class loader. */
  public static ServerRuntime start(ServerConfig config) {
    return start(config, Modules::installDefaults);
  }

  /**
   * Starts a server.
   *
   * @param installModules registers modules on the engine before pipelines are loaded
   * @throws ConfigException one line naming the setting when the config is wrong or a backend
   *     cannot be reached (everything opened so far is closed again)
   */
  public static ServerRuntime start(ServerConfig config, Consumer<Constellation> installModules) {
    requireNonNull(config, "config");
    BackendRegistry registry = BackendRegistry.load(Thread.currentThread().getContextClassLoader());
    Wiring wiring = new Wiring(config.dataDir());
    List<String> summary = new ArrayList<>();
    Constellation engine = null;
    HttpApi api = null;
    try {
      ApiKeys keys;
      try {
        keys = ApiKeys.parse(config.apiKeys());
      } catch (IllegalArgumentException e) {
        throw new ConfigException(e.getMessage());
      }
      var limiter = RateLimiter.parse(config.rateLimit());
      ConstellationImpl.Builder b = ConstellationImpl.builder();
      b.withCache(
          make(
              registry,
              wiring,
              summary,
              BackendKind.CACHE,
              CacheBackend.class,
              "cache",
              config.cache()));
      for (Map.Entry<String, String> e : config.cacheBackends().entrySet()) {
        b.withCacheBackend(
            e.getKey(),
            make(
                registry,
                wiring,
                summary,
                BackendKind.CACHE,
                CacheBackend.class,
                "cache-backend " + e.getKey(),
                e.getValue()));
      }
      b.withPipelineStore(
          make(
              registry,
              wiring,
              summary,
              BackendKind.PIPELINE_STORE,
              PipelineStore.class,
              "pipeline-store",
              config.pipelineStore()));
      b.withSuspensionStore(
          make(
              registry,
              wiring,
              summary,
              BackendKind.SUSPENSION_STORE,
              SuspensionStore.class,
              "suspension-store",
              config.suspensionStore()));
      b.withMetrics(
          make(
              registry,
              wiring,
              summary,
              BackendKind.METRICS,
              MetricsProvider.class,
              "metrics",
              config.metrics()));
      b.withTracer(
          make(
              registry,
              wiring,
              summary,
              BackendKind.TRACER,
              TracerProvider.class,
              "tracer",
              config.tracer()));
      for (String l : config.listeners()) {
        b.withListener(
            make(
                registry,
                wiring,
                summary,
                BackendKind.LISTENER,
                ExecutionListener.class,
                "listener",
                l));
      }
      RunningExecutions running = new RunningExecutions(Clock.systemUTC());
      b.withListener(running);
      engine = b.build();
      installModules.accept(engine);
      summary.add(line("modules", engine.getModules().size() + " registered"));
      LangSourceCompiler compiler = new LangSourceCompiler(engine);
      if (config.pipelinesDir().isPresent()) {
        Path dir = config.pipelinesDir().get();
        Map<String, PipelineImage> loaded = PipelineLoader.load(dir, compiler);
        summary.add(
            line("pipelines", loaded.size() + " loaded from " + dir + " " + loaded.keySet()));
      }
      summary.add(
          line("stored", engine.pipelineStore().listAliases().size() + " pipeline aliases"));
      summary.add(line("auth", keys.enabled() ? "API keys required" : "off (no --api-key)"));
      summary.add(
          line("rate limit", limiter.map(l -> config.rateLimit() + " per client").orElse("off")));
      summary.add(line("body limit", config.maxBodyBytes() + " bytes"));
      api =
          new HttpApi(
                  engine,
                  compiler,
                  new ApiSettings(
                      config.host(),
                      config.port(),
                      keys,
                      limiter,
                      config.maxBodyBytes(),
                      config.recentRuns(),
                      wiring.prometheus(),
                      Clock.systemUTC()),
                  running)
              .start();
      return new ServerRuntime(config, engine, api, wiring, summary);
    } catch (RuntimeException e) {
      if (api != null) {
        api.stop();
      }
      if (engine != null) {
        engine.shutdown(Duration.ofSeconds(1));
      }
      wiring.close();
      if (e instanceof ConfigException || e.getCause() instanceof java.net.BindException) {
        throw e instanceof ConfigException ce
            ? ce
            : new ConfigException("port " + config.port() + " is in use", e);
      }
      throw e;
    }
  }

  private static <T> T make(
      BackendRegistry registry,
      Wiring wiring,
      List<String> summary,
      BackendKind kind,
      Class<T> type,
      String label,
      String uri) {
    T made = registry.create(kind, type, uri, wiring);
    BackendUri u = BackendUri.parse(uri);
    summary.add(line(label, registry.factoryFor(kind, u).describe(kind, u)));
    return made;
  }

  private static String line(String label, String text) {
    return String.format("  %-17s %s", label + ":", text);
  }

  /** What was wired, one line per setting (printed at start). */
  public List<String> summary() {
    return summary;
  }

  public int port() {
    return api.port();
  }

  /** {@code http://HOST:PORT} (localhost when bound to every interface). */
  public String url() {
    String host = config.host().equals("0.0.0.0") ? "localhost" : config.host();
    return "http://" + host + ":" + port();
  }

  public Constellation engine() {
    return engine;
  }

  public HttpApi api() {
    return api;
  }

  /** Prints the wiring summary and the URL. */
  public void printBanner(java.io.PrintWriter out) {
    out.println("Constellation server");
    summary.forEach(out::println);
    out.println("  listening on      " + url() + "  (dashboard: " + url() + "/)");
    out.flush();
  }

  /**
   * Drains and stops: {@code /health/ready} and new runs answer 503, in-flight runs get the
   * configured drain timeout, then HTTP and backends close. Idempotent.
   */
  public void shutdown() {
    if (!stopped.compareAndSet(false, true)) {
      return;
    }
    api.startDraining();
    try {
      engine.shutdown(config.drainTimeout());
    } finally {
      api.stop();
      wiring.close();
    }
  }

  @Override
  public void close() {
    shutdown();
  }

  /** Creates {@code dir} if needed (used for the embedded default). */
  static void ensureDir(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (java.io.IOException e) {
      throw new ConfigException("cannot create data directory " + dir + ": " + e.getMessage());
    }
  }
}
