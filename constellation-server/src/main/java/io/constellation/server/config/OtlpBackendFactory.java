package io.constellation.server.config;

import io.constellation.opentelemetry.OpenTelemetryMetricsProvider;
import io.constellation.opentelemetry.OpenTelemetryTracerProvider;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * {@code otlp} or {@code otlp://host:port[?interval=10s]}: metrics and spans exported over
 * OTLP/HTTP (protobuf) to an OpenTelemetry collector, default {@code localhost:4318}. Metrics are
 * pushed every {@code interval} (default 10 s); spans in batches. Both are flushed when the server
 * stops.
 */
public final class OtlpBackendFactory implements BackendFactory {
  static final int DEFAULT_PORT = 4318;

  @Override
  public String scheme() {
    return "otlp";
  }

  @Override
  public Set<BackendKind> kinds() {
    return EnumSet.of(BackendKind.METRICS, BackendKind.TRACER);
  }

  private static String endpoint(BackendUri uri) {
    String host = uri.rest().isEmpty() ? "localhost" : uri.host();
    int port = uri.rest().isEmpty() ? DEFAULT_PORT : uri.port(DEFAULT_PORT);
    return "http://" + host + ":" + port;
  }

  private static Resource resource() {
    return Resource.getDefault()
        .merge(
            Resource.create(
                Attributes.of(
                    io.opentelemetry.api.common.AttributeKey.stringKey("service.name"),
                    "constellation")));
  }

  @Override
  public Object create(BackendKind kind, BackendUri uri, BackendContext context) {
    String base = endpoint(uri);
    if (kind == BackendKind.METRICS) {
      Duration interval = parseInterval(uri);
      SdkMeterProvider provider =
          SdkMeterProvider.builder()
              .setResource(resource())
              .registerMetricReader(
                  PeriodicMetricReader.builder(
                          OtlpHttpMetricExporter.builder()
                              .setEndpoint(base + "/v1/metrics")
                              .build())
                      .setInterval(interval)
                      .build())
              .build();
      context.onClose(provider::close);
      return new OpenTelemetryMetricsProvider(provider.get("io.constellation"));
    }
    SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .setResource(resource())
            .addSpanProcessor(
                BatchSpanProcessor.builder(
                        OtlpHttpSpanExporter.builder().setEndpoint(base + "/v1/traces").build())
                    .build())
            .build();
    context.onClose(provider::close);
    return new OpenTelemetryTracerProvider(provider.get("io.constellation"));
  }

  private static Duration parseInterval(BackendUri uri) {
    String raw = uri.rest().isEmpty() ? null : uri.query().get("interval");
    if (raw == null) {
      return Duration.ofSeconds(10);
    }
    try {
      if (raw.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(raw.substring(0, raw.length() - 2)));
      }
      if (raw.endsWith("s")) {
        return Duration.ofSeconds(Long.parseLong(raw.substring(0, raw.length() - 1)));
      }
      return Duration.ofSeconds(Long.parseLong(raw));
    } catch (NumberFormatException e) {
      throw new ConfigException(
          "otlp: interval must look like 500ms or 10s, was '" + raw + "' in " + uri.redacted());
    }
  }

  @Override
  public String describe(BackendKind kind, BackendUri uri) {
    return "OpenTelemetry OTLP/HTTP "
        + (kind == BackendKind.METRICS ? "metrics" : "traces")
        + " to "
        + endpoint(uri);
  }
}
