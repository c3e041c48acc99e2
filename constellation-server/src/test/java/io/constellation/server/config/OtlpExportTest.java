package io.constellation.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.constellation.Constellation;
import io.constellation.ConstellationImpl;
import io.constellation.module.Module;
import io.constellation.pipeline.Pipeline;
import io.constellation.spi.MetricsProvider;
import io.constellation.spi.TracerProvider;
import io.constellation.type.CType;
import io.constellation.type.CValue;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code otlp://} exports metrics and spans over OTLP/HTTP: a loopback HTTP endpoint receives the
 * SDK's real protobuf requests and the test finds the engine's names in them.
 */
class OtlpExportTest {
  record Received(String path, String contentType, byte[] body) {}

  @TempDir Path dir;

  @Test
  void otlpSendsTheEnginesMetricsAndSpansToTheCollectorEndpoint() throws Exception {
    List<Received> received = new CopyOnWriteArrayList<>();
    HttpServer collector =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    collector.createContext(
        "/",
        exchange -> {
          received.add(
              new Received(
                  exchange.getRequestURI().getPath(),
                  exchange.getRequestHeaders().getFirst("Content-Type"),
                  exchange.getRequestBody().readAllBytes()));
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    collector.start();
    String uri = "otlp://127.0.0.1:" + collector.getAddress().getPort() + "?interval=100ms";
    BackendRegistry registry = BackendRegistry.load(getClass().getClassLoader());
    try (Wiring wiring = new Wiring(Files.createDirectories(dir.resolve("data")))) {
      MetricsProvider metrics =
          registry.create(BackendKind.METRICS, MetricsProvider.class, uri, wiring);
      TracerProvider tracer =
          registry.create(BackendKind.TRACER, TracerProvider.class, uri, wiring);
      Constellation engine =
          ConstellationImpl.builder().withMetrics(metrics).withTracer(tracer).build();
      engine.setModule(
          Module.builder("Echo")
              .input("x", CType.STRING)
              .output("out", CType.STRING)
              .implementation(in -> Map.of("out", in.get("x")))
              .build());
      var image =
          Pipeline.builder("otlp-demo")
              .input("x", CType.STRING)
              .call("e", "Echo", Map.of("x", "x"))
              .output("e")
              .build(engine.registry());
      engine.run(image, Map.of("x", CValue.of("hi")));
      engine.close();
    } finally {
      collector.stop(0);
    }
    assertThat(received)
        .anySatisfy(
            r -> {
              assertThat(r.path()).isEqualTo("/v1/metrics");
              assertThat(r.contentType()).isEqualTo("application/x-protobuf");
              assertThat(new String(r.body(), StandardCharsets.ISO_8859_1))
                  .contains("constellation.execution.started");
            });
    assertThat(received)
        .anySatisfy(
            r -> {
              assertThat(r.path()).isEqualTo("/v1/traces");
              String body = new String(r.body(), StandardCharsets.ISO_8859_1);
              assertThat(body).contains("execute(otlp-demo)").contains("module(Echo)");
            });
  }
}
