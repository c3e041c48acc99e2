package io.constellation.pipeline.expr;

import io.constellation.type.CType;
import io.constellation.type.CValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Typing and runtime helpers shared by the built-in expressions. Stateless. */
final class Types {
  private Types() {}

  static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.append('"').toString();
  }

  static CType fieldType(CType target, String field) {
    if (target instanceof CType.CProduct p) {
      CType t = p.fields().get(field);
      if (t == null) {
        throw new IllegalArgumentException("record " + p + " has no field '" + field + "'");
      }
      return t;
    }
    if (target instanceof CType.COptional o && o.inner() instanceof CType.CProduct p) {
      CType t = p.fields().get(field);
      if (t == null) {
        throw new IllegalArgumentException("record " + p + " has no field '" + field + "'");
      }
      return t instanceof CType.COptional ? t : CType.optional(t);
    }
    throw new IllegalArgumentException("cannot read field '" + field + "' of " + target);
  }

  static CType projectType(CType target, List<String> fields) {
    if (!(target instanceof CType.CProduct p)) {
      throw new IllegalArgumentException("cannot project " + target + ", it is not a record");
    }
    if (fields.isEmpty()) {
      throw new IllegalArgumentException("a projection needs at least one field");
    }
    Map<String, CType> out = new LinkedHashMap<>();
    for (String f : fields) {
      CType t = p.fields().get(f);
      if (t == null) {
        throw new IllegalArgumentException("record " + p + " has no field '" + f + "'");
      }
      if (out.put(f, t) != null) {
        throw new IllegalArgumentException("field '" + f + "' is projected twice");
      }
    }
    return CType.product(out);
  }

  static CType mergeType(CType left, CType right) {
    if (!(left instanceof CType.CProduct l) || !(right instanceof CType.CProduct r)) {
      throw new IllegalArgumentException("cannot merge " + left + " and " + right);
    }
    Map<String, CType> out = new LinkedHashMap<>(l.fields());
    out.putAll(r.fields());
    return CType.product(out);
  }

  static void arithType(BuiltinExpr.ArithOp op, CType left, CType right) {
    if (!left.equals(right)) {
      throw new IllegalArgumentException(
          "operator " + op.symbol() + " needs operands of one type, not " + left + " and " + right);
    }
    boolean ok =
        left instanceof CType.CInt
            || left instanceof CType.CFloat
            || (op == BuiltinExpr.ArithOp.ADD
                && (left instanceof CType.CString || left instanceof CType.CList));
    if (!ok) {
      throw new IllegalArgumentException("operator " + op.symbol() + " is not defined on " + left);
    }
  }

  static CValue arith(BuiltinExpr.ArithOp op, CValue l, CValue r) {
    try {
      if (l instanceof CValue.CInt a && r instanceof CValue.CInt b) {
        long x = a.value();
        long y = b.value();
        return new CValue.CInt(
            switch (op) {
              case ADD -> Math.addExact(x, y);
              case SUB -> Math.subtractExact(x, y);
              case MUL -> Math.multiplyExact(x, y);
              case DIV -> {
                if (y == 0) {
                  throw new ExpressionException("division by zero: " + x + " / 0");
                }
                yield Math.divideExact(x, y);
              }
              case MOD -> {
                if (y == 0) {
                  throw new ExpressionException("division by zero: " + x + " % 0");
                }
                yield x % y;
              }
            });
      }
    } catch (ArithmeticException e) {
      throw new ExpressionException("integer overflow in " + l + " " + op.symbol() + " " + r);
    }
    if (l instanceof CValue.CFloat a && r instanceof CValue.CFloat b) {
      double x = a.value();
      double y = b.value();
      if ((op == BuiltinExpr.ArithOp.DIV || op == BuiltinExpr.ArithOp.MOD) && y == 0.0) {
        throw new ExpressionException("division by zero: " + x + " " + op.symbol() + " 0.0");
      }
      return new CValue.CFloat(
          switch (op) {
            case ADD -> x + y;
            case SUB -> x - y;
            case MUL -> x * y;
            case DIV -> x / y;
            case MOD -> x % y;
          });
    }
    if (l instanceof CValue.CString a && r instanceof CValue.CString b) {
      return new CValue.CString(a.value() + b.value());
    }
    if (l instanceof CValue.CList a && r instanceof CValue.CList b) {
      List<CValue> out = new ArrayList<>(a.values());
      out.addAll(b.values());
      return new CValue.CList(out, a.elemType());
    }
    throw new ExpressionException(
        "operator " + op.symbol() + " is not defined on " + l.type() + " and " + r.type());
  }

  static void checkCompare(BuiltinExpr.CompareOp op, CType left, CType right) {
    if (!left.equals(right)) {
      throw new IllegalArgumentException(
          "cannot compare " + left + " with " + right + " using " + op.symbol());
    }
    if (op != BuiltinExpr.CompareOp.EQ && op != BuiltinExpr.CompareOp.NE && !ordered(left)) {
      throw new IllegalArgumentException(
          "operator " + op.symbol() + " needs Int, Float or String, not " + left);
    }
  }

  static boolean ordered(CType t) {
    return t instanceof CType.CInt || t instanceof CType.CFloat || t instanceof CType.CString;
  }

  static int order(CValue l, CValue r) {
    return switch (l) {
      case CValue.CInt a -> Long.compare(a.value(), ((CValue.CInt) r).value());
      case CValue.CFloat a -> Double.compare(a.value(), ((CValue.CFloat) r).value());
      case CValue.CString a -> a.value().compareTo(((CValue.CString) r).value());
      default -> throw new ExpressionException("values of " + l.type() + " have no order");
    };
  }

  static void requireBoolean(Expr e, String where) {
    if (e == null) {
      throw new NullPointerException(where + " operand");
    }
    if (!(e.type() instanceof CType.CBoolean)) {
      throw new IllegalArgumentException(where + " needs a Boolean, not " + e.type());
    }
  }

  static boolean truth(CValue v) {
    if (v instanceof CValue.CBoolean b) {
      return b.value();
    }
    throw new ExpressionException("expected a Boolean but got " + v.type());
  }

  static void requireSame(CType a, CType b, String where) {
    if (!a.equals(b)) {
      throw new IllegalArgumentException(where + " have different types: " + a + " and " + b);
    }
  }

  /** Whether a value of {@code from} can be widened to {@code to} by {@link #widen}. */
  static boolean widens(CType from, CType to) {
    if (from.equals(to)) {
      return true;
    }
    if (from instanceof CType.CInt && to instanceof CType.CFloat) {
      return true;
    }
    if (to instanceof CType.COptional o) {
      if (from instanceof CType.COptional f) {
        return widens(f.inner(), o.inner());
      }
      return widens(from, o.inner());
    }
    if (from instanceof CType.CList f && to instanceof CType.CList t) {
      return widens(f.elem(), t.elem());
    }
    if (to instanceof CType.CUnion u) {
      return BuiltinExpr.variantOf(u, from).isPresent();
    }
    if (from instanceof CType.CProduct f && to instanceof CType.CProduct t) {
      if (!f.fields().keySet().equals(t.fields().keySet())) {
        return false;
      }
      for (Map.Entry<String, CType> e : t.fields().entrySet()) {
        if (!widens(f.fields().get(e.getKey()), e.getValue())) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  static CValue widen(CValue v, CType to) {
    CType from = v.type();
    if (from.equals(to)) {
      return v;
    }
    if (v instanceof CValue.CInt i && to instanceof CType.CFloat) {
      return new CValue.CFloat(i.value());
    }
    if (to instanceof CType.COptional o) {
      if (v instanceof CValue.CSome s) {
        return new CValue.CSome(widen(s.value(), o.inner()), o.inner());
      }
      if (v instanceof CValue.CNone) {
        return new CValue.CNone(o.inner());
      }
      return new CValue.CSome(widen(v, o.inner()), o.inner());
    }
    if (v instanceof CValue.CList l && to instanceof CType.CList t) {
      List<CValue> out = new ArrayList<>(l.values().size());
      for (CValue e : l.values()) {
        out.add(widen(e, t.elem()));
      }
      return new CValue.CList(out, t.elem());
    }
    if (to instanceof CType.CUnion u) {
      String tag =
          BuiltinExpr.variantOf(u, from)
              .orElseThrow(() -> new ExpressionException(from + " is not a variant of " + u));
      return new CValue.CUnion(tag, v, u);
    }
    if (v instanceof CValue.CProduct p && to instanceof CType.CProduct t) {
      Map<String, CValue> out = new LinkedHashMap<>();
      t.fields().forEach((k, ft) -> out.put(k, widen(p.fields().get(k), ft)));
      return new CValue.CProduct(out, t);
    }
    throw new ExpressionException("cannot convert " + from + " to " + to);
  }
}
