package io.constellation.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

final class CompositeTracerProvider implements TracerProvider {
  private record Contexts(List<SpanContext> members) implements SpanContext {}

  private final List<TracerProvider> members;

  CompositeTracerProvider(List<TracerProvider> members) {
    this.members = List.copyOf(members);
  }

  @Override
  public <T> T span(
      String name, Map<String, String> attributes, SpanContext parent, Callable<T> body)
      throws Exception {
    return nest(0, name, attributes, parent instanceof Contexts c ? c.members() : null, body);
  }

  private <T> T nest(
      int i,
      String name,
      Map<String, String> attributes,
      List<SpanContext> parents,
      Callable<T> body)
      throws Exception {
    if (i == members.size()) {
      return body.call();
    }
    SpanContext parent = parents == null ? null : parents.get(i);
    return members
        .get(i)
        .span(name, attributes, parent, () -> nest(i + 1, name, attributes, parents, body));
  }

  @Override
  public SpanContext currentContext() {
    List<SpanContext> contexts = new ArrayList<>(members.size());
    boolean any = false;
    for (TracerProvider t : members) {
      SpanContext c = t.currentContext();
      any |= c != null;
      contexts.add(c);
    }
    return any ? new Contexts(java.util.Collections.unmodifiableList(contexts)) : null;
  }

  @Override
  public void setAttribute(String key, String value) {
    for (TracerProvider t : members) {
      t.setAttribute(key, value);
    }
  }
}
