package io.constellation.lang;

import io.constellation.pipeline.expr.BuiltinExpr;
import io.constellation.pipeline.expr.BuiltinExpr.*;
import io.constellation.pipeline.expr.Expr;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedSet;

/** Tree walks over built-in expressions: free variables and renaming. Stateless. */
final class ExprTrees {
  private ExprTrees() {}

  /** Free variable names in first-occurrence order (depth-first, left to right). */
  static void vars(Expr e, SequencedSet<String> out) {
    switch ((BuiltinExpr) e) {
      case Literal l -> {}
      case Var v -> out.add(v.name());
      case Field f -> vars(f.target(), out);
      case Project p -> vars(p.target(), out);
      case Merge m -> {
        vars(m.left(), out);
        vars(m.right(), out);
      }
      case Arith a -> {
        vars(a.left(), out);
        vars(a.right(), out);
      }
      case Negate n -> vars(n.operand(), out);
      case Compare c -> {
        vars(c.left(), out);
        vars(c.right(), out);
      }
      case And a -> {
        vars(a.left(), out);
        vars(a.right(), out);
      }
      case Or o -> {
        vars(o.left(), out);
        vars(o.right(), out);
      }
      case Not n -> vars(n.operand(), out);
      case If i -> {
        vars(i.condition(), out);
        vars(i.then(), out);
        vars(i.otherwise(), out);
      }
      case Branch b -> {
        for (Case c : b.cases()) {
          vars(c.condition(), out);
          vars(c.value(), out);
        }
        vars(b.otherwise(), out);
      }
      case When w -> {
        vars(w.value(), out);
        vars(w.condition(), out);
      }
      case Coalesce c -> {
        vars(c.left(), out);
        vars(c.right(), out);
      }
      case Interpolate s -> s.parts().forEach(p -> vars(p, out));
      case ListOf l -> l.elements().forEach(x -> vars(x, out));
      case RecordOf r -> r.fields().values().forEach(x -> vars(x, out));
      case Convert c -> vars(c.operand(), out);
    }
  }

  /** {@code e} with every variable renamed by {@code names}. */
  static Expr rename(Expr e, Map<String, String> names) {
    return switch ((BuiltinExpr) e) {
      case Literal l -> l;
      case Var v -> new Var(names.getOrDefault(v.name(), v.name()), v.type());
      case Field f -> new Field(rename(f.target(), names), f.field());
      case Project p -> new Project(rename(p.target(), names), p.fields());
      case Merge m -> new Merge(rename(m.left(), names), rename(m.right(), names));
      case Arith a -> new Arith(a.op(), rename(a.left(), names), rename(a.right(), names));
      case Negate n -> new Negate(rename(n.operand(), names));
      case Compare c -> new Compare(c.op(), rename(c.left(), names), rename(c.right(), names));
      case And a -> new And(rename(a.left(), names), rename(a.right(), names));
      case Or o -> new Or(rename(o.left(), names), rename(o.right(), names));
      case Not n -> new Not(rename(n.operand(), names));
      case If i ->
          new If(
              rename(i.condition(), names), rename(i.then(), names), rename(i.otherwise(), names));
      case Branch b -> {
        List<Case> cases = new ArrayList<>();
        for (Case c : b.cases()) {
          cases.add(new Case(rename(c.condition(), names), rename(c.value(), names)));
        }
        yield new Branch(cases, rename(b.otherwise(), names));
      }
      case When w -> new When(rename(w.value(), names), rename(w.condition(), names));
      case Coalesce c -> new Coalesce(rename(c.left(), names), rename(c.right(), names));
      case Interpolate s -> new Interpolate(s.parts().stream().map(p -> rename(p, names)).toList());
      case ListOf l ->
          new ListOf(l.elements().stream().map(x -> rename(x, names)).toList(), l.elemType());
      case RecordOf r -> {
        Map<String, Expr> fields = new LinkedHashMap<>();
        r.fields().forEach((k, v) -> fields.put(k, rename(v, names)));
        yield new RecordOf(fields);
      }
      case Convert c -> new Convert(rename(c.operand(), names), c.type());
    };
  }
}
