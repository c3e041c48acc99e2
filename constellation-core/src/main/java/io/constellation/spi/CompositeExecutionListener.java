package io.constellation.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

final class CompositeExecutionListener implements ExecutionListener {
  private static final Logger LOG = LoggerFactory.getLogger(CompositeExecutionListener.class);
  private final List<ExecutionListener> members;

  CompositeExecutionListener(List<ExecutionListener> members) {
    this.members = List.copyOf(members);
  }

  static List<ExecutionListener> flatten(List<ExecutionListener> listeners) {
    List<ExecutionListener> out = new ArrayList<>();
    for (ExecutionListener l : listeners) {
      java.util.Objects.requireNonNull(l, "listener");
      if (l instanceof CompositeExecutionListener c) {
        out.addAll(c.members);
      } else if (l != NoopExecutionListener.INSTANCE) {
        out.add(l);
      }
    }
    return out;
  }

  private void each(Consumer<ExecutionListener> event) {
    for (ExecutionListener l : members) {
      try {
        event.accept(l);
      } catch (RuntimeException e) {
        LOG.debug("listener {} failed", l, e);
      }
    }
  }

  @Override
  public void onExecutionStart(UUID executionId, String dagName) {
    each(l -> l.onExecutionStart(executionId, dagName));
  }

  @Override
  public void onModuleStart(UUID executionId, UUID moduleId, String moduleName) {
    each(l -> l.onModuleStart(executionId, moduleId, moduleName));
  }

  @Override
  public void onModuleComplete(
      UUID executionId, UUID moduleId, String moduleName, long durationMs) {
    each(l -> l.onModuleComplete(executionId, moduleId, moduleName, durationMs));
  }

  @Override
  public void onModuleFailed(UUID executionId, UUID moduleId, String moduleName, Throwable error) {
    each(l -> l.onModuleFailed(executionId, moduleId, moduleName, error));
  }

  @Override
  public void onExecutionComplete(
      UUID executionId, String dagName, boolean succeeded, long durationMs) {
    each(l -> l.onExecutionComplete(executionId, dagName, succeeded, durationMs));
  }

  @Override
  public void onExecutionCancelled(UUID executionId, String dagName) {
    each(l -> l.onExecutionCancelled(executionId, dagName));
  }

  @Override
  public void onExecutionSuspended(UUID executionId, String dagName, Set<String> missingInputs) {
    each(l -> l.onExecutionSuspended(executionId, dagName, missingInputs));
  }

  @Override
  public void onModuleCacheHit(UUID executionId, UUID moduleId, String moduleName) {
    each(l -> l.onModuleCacheHit(executionId, moduleId, moduleName));
  }

  @Override
  public String toString() {
    return "ExecutionListener.composite" + members;
  }
}
