package io.constellation.execution;

/** What happened to one computing node in a run. */
public enum NodeStatus {
  /** Produced its outputs (by running, from the cache, or from the snapshot of a resume). */
  COMPLETED,
  /** Failed after its options. */
  FAILED,
  /** Not run because something it depends on failed. */
  SKIPPED,
  /** Not run because an input it depends on is missing. */
  PENDING,
  /** Interrupted by cancellation or the run-level timeout. */
  CANCELLED
}
