package io.constellation;

import java.util.List;

/** An exception that reports every problem found at once, one line each. */
public class ProblemListException extends ConstellationException {
  private static final long serialVersionUID = 1L;
  private final List<String> problems;

  public ProblemListException(String what, List<String> problems) {
    super(what + ":\n  - " + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  /** Each problem, one line, naming the field, node or line it concerns. */
  public List<String> problems() {
    return problems;
  }
}
