package io.constellation.pipeline.expr;

import io.constellation.type.CType;
import io.constellation.type.CValue;
import java.util.Map;

/**
 * An expression evaluated by a built-in DAG node. Implementations are immutable values.
 *
 * <p>Thread-safety: must be safe to evaluate concurrently.
 */
public interface Expr {
  /** The type of the result. */
  CType type();

  /**
   * Evaluates the expression. {@code variables} holds a value for every free variable.
   *
   * @throws io.constellation.ConstellationException on a runtime error (e.g. division by zero)
   */
  CValue evaluate(Map<String, CValue> variables);

  /** Canonical text (part of the structural hash): equal expressions give equal text. */
  String canonical();
}
