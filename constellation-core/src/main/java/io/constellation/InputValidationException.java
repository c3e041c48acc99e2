package io.constellation;

import java.util.List;

/** The inputs of a run are invalid (unknown names, wrong types); nothing was executed. */
public class InputValidationException extends ProblemListException {
  private static final long serialVersionUID = 1L;

  public InputValidationException(List<String> problems) {
    super("invalid inputs", problems);
  }
}
