package io.constellation.pipeline;

/** How the delay between retry attempts grows. */
public enum Backoff {
  /** The same delay before every retry. */
  FIXED,
  /** delay × attempt number. */
  LINEAR,
  /** delay × 2^(attempt − 1). */
  EXPONENTIAL
}
