package io.constellation.pipeline;

import static java.util.Objects.requireNonNull;

import io.constellation.pipeline.expr.Expr;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A built-in node that computes {@code output} from its inputs with an expression (field access,
 * arithmetic, conditionals, literals, ...). Part of the structural hash, stored with the image.
 *
 * @param id unique node id
 * @param expression the expression; its free variables are the keys of {@code inputs}
 * @param inputs variable name → data node name
 * @param output the data node this node produces
 */
public record ExpressionNode(String id, Expr expression, Map<String, String> inputs, String output)
    implements DagNode {
  public ExpressionNode {
    requireNonNull(id, "id");
    requireNonNull(expression, "expression");
    inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
    requireNonNull(output, "output");
  }

  @Override
  public Collection<String> producedDataNodes() {
    return List.of(output);
  }
}
