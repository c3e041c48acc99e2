package io.constellation.spi;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Wraps work in tracing spans. The engine opens {@code execute(<dag>)} around a run and {@code
 * module(<name>)} around each module call (child of the run's span), with attributes {@code
 * dag_name}, {@code module_name}, {@code attempts} and {@code cache_hit}.
 *
 * <p><b>Thread-safety:</b> called concurrently. A span body runs on the calling thread.
 *
 * <p><b>Failure:</b> {@code span} must run {@code body} exactly once and return or rethrow its
 * outcome unchanged; errors of the tracer itself are swallowed by the engine.
 */
public interface TracerProvider {

  /**
   * Runs {@code body} inside a span named {@code name}. {@code parent} is the span of the enclosing
   * work (from {@link #currentContext()} on the thread that scheduled this work), or {@code null}
   * for a root span.
   */
  <T> T span(String name, Map<String, String> attributes, SpanContext parent, Callable<T> body)
      throws Exception;

  /** Runs {@code body} inside a span that is a child of the span open on the calling thread. */
  default <T> T span(String name, Map<String, String> attributes, Callable<T> body)
      throws Exception {
    return span(name, attributes, currentContext(), body);
  }

  /** The span context of the span open on the calling thread, or {@code null}. */
  default SpanContext currentContext() {
    return null;
  }

  /** Adds an attribute to the innermost span open on the calling thread, if any. */
  default void setAttribute(String key, String value) {}

  /** A tracer that records nothing; the engine skips it entirely. */
  static TracerProvider noop() {
    return NoopTracerProvider.INSTANCE;
  }

  /** Nests the spans of every tracer, first outermost. */
  static TracerProvider composite(TracerProvider... tracers) {
    List<TracerProvider> members =
        List.of(tracers).stream()
            .filter(t -> requireNonNull(t) != NoopTracerProvider.INSTANCE)
            .toList();
    return switch (members.size()) {
      case 0 -> noop();
      case 1 -> members.get(0);
      default -> new CompositeTracerProvider(members);
    };
  }

  /** An opaque handle on a span, used to parent spans opened on other threads. */
  interface SpanContext {}
}
