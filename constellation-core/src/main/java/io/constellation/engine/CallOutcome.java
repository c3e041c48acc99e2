package io.constellation.engine;

import io.constellation.type.CValue;

/** The outcome of one module call after its options. */
final class CallOutcome {
  enum Kind {
    SUCCESS,
    FAILURE,
    CANCELLED
  }

  final Kind kind;

  /** aligned with the task's outputData; null unless SUCCESS. */
  final CValue[] outputs;

  final Throwable error;
  final String message;
  final int attempts;
  final boolean cacheHit;

  /** true when the outputs came from a real successful execution (cacheable). */
  final boolean cacheable;

  private CallOutcome(
      Kind kind,
      CValue[] outputs,
      Throwable error,
      String message,
      int attempts,
      boolean cacheHit,
      boolean cacheable) {
    this.kind = kind;
    this.outputs = outputs;
    this.error = error;
    this.message = message;
    this.attempts = attempts;
    this.cacheHit = cacheHit;
    this.cacheable = cacheable;
  }

  static CallOutcome success(CValue[] outputs, int attempts, boolean cacheable) {
    return new CallOutcome(Kind.SUCCESS, outputs, null, null, attempts, false, cacheable);
  }

  static CallOutcome cacheHit(CValue[] outputs) {
    return new CallOutcome(Kind.SUCCESS, outputs, null, null, 0, true, false);
  }

  static CallOutcome failure(Throwable error, String message, int attempts) {
    return new CallOutcome(Kind.FAILURE, null, error, message, attempts, false, false);
  }

  static CallOutcome cancelled(int attempts) {
    return new CallOutcome(Kind.CANCELLED, null, null, "cancelled", attempts, false, false);
  }

  CallOutcome asShared() {
    return kind == Kind.SUCCESS ? new CallOutcome(kind, outputs, null, null, 0, true, false) : this;
  }
}
