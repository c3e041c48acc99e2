package io.constellation.execution;

/** How a run ended. */
public enum PipelineStatus {
  /** Every output was computed. */
  COMPLETED,
  /** Inputs are missing; everything computable ran; resume with the missing inputs. */
  SUSPENDED,
  /** At least one module failed after its options; dependents were skipped. */
  FAILED,
  /** The run-level timeout elapsed; partial results are kept. */
  TIMED_OUT,
  /** The run was cancelled. */
  CANCELLED
}
