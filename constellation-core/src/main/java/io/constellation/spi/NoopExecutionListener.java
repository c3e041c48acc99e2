package io.constellation.spi;

enum NoopExecutionListener implements ExecutionListener {
  INSTANCE;

  @Override
  public String toString() {
    return "ExecutionListener.noop()";
  }
}
