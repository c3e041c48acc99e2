package io.constellation;

import java.util.List;

/**
 * A pipeline is invalid (cycle, unresolved binding, type mismatch, unknown module, duplicate name,
 * invalid option); every problem is listed.
 */
public class PipelineValidationException extends ProblemListException {
  private static final long serialVersionUID = 1L;

  public PipelineValidationException(String pipeline, List<String> problems) {
    super("pipeline '" + pipeline + "' is invalid", problems);
  }
}
