package io.constellation.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.constellation.spi.TracerProvider;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenTelemetryTracerProviderTest {
  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final SdkTracerProvider sdkTracer =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
  private final OpenTelemetrySdk otel =
      OpenTelemetrySdk.builder().setTracerProvider(sdkTracer).build();
  private final TracerProvider tracer = new OpenTelemetryTracerProvider(otel);

  @AfterEach
  void close() {
    otel.close();
  }

  private SpanData span(String name) {
    return exporter.getFinishedSpanItems().stream()
        .filter(s -> s.getName().equals(name))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no span " + name + " in " + exporter.getFinishedSpanItems()));
  }

  @Test
  void moduleSpansOpenedOnOtherThreadsAreChildrenOfTheRunSpan() throws Exception {
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      String result =
          tracer.span(
              "execute(orders)",
              Map.of("dag_name", "orders"),
              null,
              () -> {
                TracerProvider.SpanContext run = tracer.currentContext();
                assertThat(run).isNotNull();
                List<Future<String>> modules = new ArrayList<>();
                for (String m : List.of("Fetch", "Score")) {
                  modules.add(
                      pool.submit(
                          () ->
                              tracer.span(
                                  "module(" + m + ")",
                                  Map.of("module_name", m),
                                  run,
                                  () -> {
                                    tracer.setAttribute("attempts", "1");
                                    tracer.setAttribute("cache_hit", "false");
                                    return Thread.currentThread().getName() + m;
                                  })));
                }
                StringBuilder out = new StringBuilder();
                for (Future<String> f : modules) {
                  out.append(f.get());
                }
                return out.toString();
              });
      assertThat(result).endsWith("Score");
    }

    SpanData run = span("execute(orders)");
    assertThat(run.getParentSpanContext().isValid()).isFalse();
    assertThat(run.getAttributes().get(AttributeKey.stringKey("dag_name"))).isEqualTo("orders");
    for (String m : List.of("Fetch", "Score")) {
      SpanData module = span("module(" + m + ")");
      assertThat(module.getTraceId()).isEqualTo(run.getTraceId());
      assertThat(module.getParentSpanId()).isEqualTo(run.getSpanId());
      assertThat(module.getAttributes().get(AttributeKey.stringKey("module_name"))).isEqualTo(m);
      assertThat(module.getAttributes().get(AttributeKey.stringKey("attempts"))).isEqualTo("1");
      assertThat(module.getAttributes().get(AttributeKey.stringKey("cache_hit")))
          .isEqualTo("false");
      assertThat(module.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
      assertThat(module.hasEnded()).isTrue();
    }
  }

  @Test
  void theTwoArgumentFormNestsUnderTheSpanOpenOnTheCallingThread() throws Exception {
    tracer.span("execute(d)", Map.of(), () -> tracer.span("module(m)", Map.of(), () -> "done"));
    assertThat(span("module(m)").getParentSpanId()).isEqualTo(span("execute(d)").getSpanId());
  }

  @Test
  void aSpanOnAThreadWithNoOpenSpanAndNoParentIsARoot() throws Exception {
    assertThat(tracer.currentContext()).isNull();
    tracer.span("execute(a)", Map.of(), null, () -> 1);
    tracer.span("execute(b)", Map.of(), null, () -> 2);
    assertThat(span("execute(a)").getParentSpanContext().isValid()).isFalse();
    assertThat(span("execute(a)").getTraceId()).isNotEqualTo(span("execute(b)").getTraceId());
    assertThat(tracer.currentContext()).isNull();
  }

  @Test
  void aRunStartedInsideAnApplicationSpanNestsUnderIt() throws Exception {
    Span app = otel.getTracer("app").spanBuilder("http request").startSpan();
    try (Scope ignored = app.makeCurrent()) {
      tracer.span("execute(d)", Map.of(), null, () -> 1);
    } finally {
      app.end();
    }
    assertThat(span("execute(d)").getParentSpanId()).isEqualTo(app.getSpanContext().getSpanId());
  }

  @Test
  void aFailingBodyIsRecordedAsErrorAndRethrownUnchanged() {
    IllegalStateException boom = new IllegalStateException("model timed out");
    assertThatThrownBy(
            () ->
                tracer.span(
                    "module(Score)",
                    Map.of("module_name", "Score"),
                    null,
                    () -> {
                      throw boom;
                    }))
        .isSameAs(boom);

    SpanData s = span("module(Score)");
    assertThat(s.hasEnded()).isTrue();
    assertThat(s.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(s.getStatus().getDescription()).isEqualTo("model timed out");
    EventData event = s.getEvents().get(0);
    assertThat(event.getName()).isEqualTo("exception");
    assertThat(event.getAttributes().get(AttributeKey.stringKey("exception.type")))
        .isEqualTo(IllegalStateException.class.getName());
    assertThat(event.getAttributes().get(AttributeKey.stringKey("exception.message")))
        .isEqualTo("model timed out");
  }

  @Test
  void checkedExceptionsPassThroughUnchanged() {
    IOException io = new IOException("disk");
    assertThatThrownBy(
            () ->
                tracer.span(
                    "module(m)",
                    Map.of(),
                    null,
                    () -> {
                      throw io;
                    }))
        .isSameAs(io);
    assertThat(span("module(m)").getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
  }

  @Test
  void theBodyRunsExactlyOnceAndItsValueIsReturned() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    Integer v = tracer.span("module(m)", Map.of(), null, calls::incrementAndGet);
    assertThat(v).isEqualTo(1);
    assertThat(calls).hasValue(1);
    assertThat(exporter.getFinishedSpanItems()).hasSize(1);
  }

  @Test
  void aForeignParentContextFallsBackToTheCurrentContext() throws Exception {
    TracerProvider.SpanContext foreign = new TracerProvider.SpanContext() {};
    tracer.span("execute(d)", Map.of(), foreign, () -> 1);
    assertThat(span("execute(d)").getParentSpanContext().isValid()).isFalse();
  }

  @Test
  void worksInsideACompositeTracer() throws Exception {
    TracerProvider composite =
        TracerProvider.composite(tracer, new OpenTelemetryTracerProvider(otel.getTracer("second")));
    TracerProvider.SpanContext[] captured = new TracerProvider.SpanContext[1];
    composite.span("execute(d)", Map.of(), null, () -> captured[0] = composite.currentContext());
    Thread t =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    composite.span("module(m)", Map.of(), captured[0], () -> 1);
                  } catch (Exception e) {
                    throw new AssertionError(e);
                  }
                });
    t.join();
    List<SpanData> modules =
        exporter.getFinishedSpanItems().stream()
            .filter(s -> s.getName().equals("module(m)"))
            .toList();
    assertThat(modules).hasSize(2);
    SpanData run = span("execute(d)");
    assertThat(modules).allMatch(m -> m.getTraceId().equals(run.getTraceId()));
  }
}
