package io.constellation.pipeline;

/** What a call does when it still fails after retries and has no fallback. */
public enum ErrorStrategy {
  /** Fail the call; the run fails and dependents are skipped. */
  PROPAGATE,
  /** Use the zero value of each output type, silently. */
  SKIP,
  /** Use the zero value of each output type and log the error at WARN. */
  LOG,
  /** Fail the call with a {@code ModuleExecutionException} wrapping the cause. */
  WRAP
}
