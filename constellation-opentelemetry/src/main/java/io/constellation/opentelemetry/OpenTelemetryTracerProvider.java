package io.constellation.opentelemetry;

import static java.util.Objects.requireNonNull;

import io.constellation.spi.TracerProvider;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * A {@link TracerProvider} over OpenTelemetry: each {@link #span} is an OpenTelemetry span with the
 * given name ({@code execute(<dag>)}, {@code module(<name>)}) and the given attributes as string
 * attributes.
 *
 * <p><b>Parenting:</b> {@link #currentContext()} captures the OpenTelemetry {@link Context} of the
 * calling thread (when it holds a valid span) as an opaque {@link TracerProvider.SpanContext}; a
 * span opened with that context as {@code parent}, on any thread, is its child. With a {@code null}
 * (or foreign) parent the span is a child of the OpenTelemetry context current on the calling
 * thread, so a run started inside an application's own span (an HTTP request, say) nests under it;
 * on a thread with no current span it is a root span.
 *
 * <p><b>Failure:</b> {@code body} runs exactly once, inside the span's scope; if it throws, the
 * exception is recorded on the span ({@code exception} event), the span status is set to {@link
 * StatusCode#ERROR}, and the same exception is rethrown unchanged. The span always ends.
 *
 * <p><b>Thread-safety and blocking:</b> thread-safe; never blocks (span export is the SDK's span
 * processor's business: use a {@code BatchSpanProcessor} in production).
 */
public final class OpenTelemetryTracerProvider implements TracerProvider {
  /** The instrumentation scope name used when built from an {@link OpenTelemetry} instance. */
  public static final String INSTRUMENTATION_NAME = "io.constellation";

  /** The OpenTelemetry context captured by {@link #currentContext()}. */
  record OtelSpanContext(Context context) implements TracerProvider.SpanContext {}

  private final Tracer tracer;

  /** Spans from {@code openTelemetry.getTracer("io.constellation")}. */
  public OpenTelemetryTracerProvider(OpenTelemetry openTelemetry) {
    this(requireNonNull(openTelemetry, "openTelemetry").getTracer(INSTRUMENTATION_NAME));
  }

  /** Spans from {@code tracer}. */
  public OpenTelemetryTracerProvider(Tracer tracer) {
    this.tracer = requireNonNull(tracer, "tracer");
  }

  @Override
  public <T> T span(
      String name, Map<String, String> attributes, SpanContext parent, Callable<T> body)
      throws Exception {
    requireNonNull(name, "name");
    requireNonNull(attributes, "attributes");
    requireNonNull(body, "body");
    Context parentContext = parent instanceof OtelSpanContext c ? c.context() : Context.current();
    SpanBuilder builder = tracer.spanBuilder(name).setParent(parentContext);
    attributes.forEach(builder::setAttribute);
    Span span = builder.startSpan();
    try (Scope ignored = parentContext.with(span).makeCurrent()) {
      return body.call();
    } catch (Throwable t) {
      span.recordException(t);
      span.setStatus(StatusCode.ERROR, String.valueOf(t.getMessage()));
      throw t;
    } finally {
      span.end();
    }
  }

  @Override
  public SpanContext currentContext() {
    Context current = Context.current();
    return Span.fromContext(current).getSpanContext().isValid()
        ? new OtelSpanContext(current)
        : null;
  }

  @Override
  public void setAttribute(String key, String value) {
    requireNonNull(key, "key");
    Span.current().setAttribute(key, value);
  }

  @Override
  public String toString() {
    return "OpenTelemetryTracerProvider";
  }
}
