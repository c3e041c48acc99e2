package io.constellation.server.cli;

import io.constellation.server.ServerRuntime;
import io.constellation.server.config.ConfigLoader;
import io.constellation.server.config.ServerConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code constellation serve}: the HTTP API and dashboard until SIGTERM/Ctrl-C. */
@Command(
    name = "serve",
    description = {
      "Starts the HTTP API and dashboard. Every option can also be set with a CONSTELLATION_*",
      "environment variable (e.g. CONSTELLATION_PIPELINE_STORE) or in a properties file (--config).",
      "With no options: pipelines and suspensions in SQLite under ./data, in-memory cache, Prometheus."
    },
    mixinStandardHelpOptions = true)
final class ServeCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--config", paramLabel = "FILE", description = "properties file with settings")
  String config;

  @Option(names = "--host", description = "address to bind (default 127.0.0.1; 0.0.0.0 = all)")
  String host;

  @Option(names = "--port", description = "HTTP port (default 8080)")
  String port;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "data directory (default ./data)")
  String dataDir;

  @Option(
      names = "--cache",
      paramLabel = "URI",
      description = "memory | caffeine | redis://host:port | memcached://host:port")
  String cache;

  @Option(
      names = "--cache-backend",
      paramLabel = "NAME=URI",
      description = "named cache (repeatable)")
  List<String> cacheBackends;

  @Option(
      names = "--pipeline-store",
      paramLabel = "URI",
      description = "jdbc:sqlite:FILE | jdbc:postgresql://.. | memory")
  String pipelineStore;

  @Option(
      names = "--suspension-store",
      paramLabel = "URI",
      description = "jdbc:.. | redis://.. | memory")
  String suspensionStore;

  @Option(names = "--metrics", paramLabel = "URI", description = "prometheus | otlp | none")
  String metrics;

  @Option(names = "--tracer", paramLabel = "URI", description = "none | otlp")
  String tracer;

  @Option(
      names = "--listener",
      paramLabel = "URI",
      description = "audit | kafka://host:port/topic (repeatable)")
  List<String> listeners;

  @Option(
      names = "--pipelines",
      paramLabel = "DIR",
      description = "load and alias every .cst file of DIR at start")
  String pipelines;

  @Option(
      names = "--api-key",
      paramLabel = "ROLE:KEY",
      description = "admin|execute|read:KEY or ROLE:sha256:HEX (repeatable)")
  List<String> apiKeys;

  @Option(
      names = "--rate-limit",
      paramLabel = "N/PERIOD",
      description = "per client, e.g. 100/1s (default), off")
  String rateLimit;

  @Option(
      names = "--max-body",
      paramLabel = "SIZE",
      description = "request body limit (default 10MiB)")
  String maxBody;

  @Option(
      names = "--drain-timeout",
      paramLabel = "DURATION",
      description = "shutdown drain (default 30s)")
  String drainTimeout;

  @Option(
      names = "--recent-runs",
      paramLabel = "N",
      description = "runs kept for the dashboard (default 200)")
  String recentRuns;

  Map<String, List<String>> flags() {
    Map<String, List<String>> f = new LinkedHashMap<>();
    put(f, "config", config);
    put(f, "host", host);
    put(f, "port", port);
    put(f, "data-dir", dataDir);
    put(f, "cache", cache);
    putAll(f, "cache-backend", cacheBackends);
    put(f, "pipeline-store", pipelineStore);
    put(f, "suspension-store", suspensionStore);
    put(f, "metrics", metrics);
    put(f, "tracer", tracer);
    putAll(f, "listener", listeners);
    put(f, "pipelines", pipelines);
    putAll(f, "api-key", apiKeys);
    put(f, "rate-limit", rateLimit);
    put(f, "max-body", maxBody);
    put(f, "drain-timeout", drainTimeout);
    put(f, "recent-runs", recentRuns);
    return f;
  }

  private static void put(Map<String, List<String>> f, String k, String v) {
    if (v != null) {
      f.put(k, List.of(v));
    }
  }

  private static void putAll(Map<String, List<String>> f, String k, List<String> v) {
    if (v != null && !v.isEmpty()) {
      f.put(k, List.copyOf(v));
    }
  }

  @Override
  public Integer call() throws InterruptedException {
    ServerConfig cfg = ConfigLoader.load(flags(), System.getenv());
    ServerRuntime runtime = ServerRuntime.start(cfg);
    var out = spec.commandLine().getOut();
    runtime.printBanner(out);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.err.println("constellation: shutting down (draining in-flight runs)...");
                  runtime.shutdown();
                  stopped.countDown();
                },
                "constellation-shutdown"));
    stopped.await();
    return 0;
  }
}
