package io.constellation.pipeline.expr;

import static java.util.Objects.requireNonNull;

import io.constellation.type.CType;
import io.constellation.type.CTypes;
import io.constellation.type.CValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The built-in expression kinds that constellation-lang compiles non-call expressions to. Every
 * kind is an immutable record whose constructor checks that its operands have fitting types, so a
 * tree read back from JSON is as well-typed as the one the compiler made. Types never change during
 * evaluation: the compiler inserts {@link Convert} where a value must be widened (Int to Float, T
 * to Optional&lt;T&gt;, a variant to its union).
 *
 * <p>Thread-safety: immutable; evaluation has no shared state and may run concurrently.
 *
 * <p>Failure: {@link #evaluate} throws {@link ExpressionException} on runtime errors (division by
 * zero, integer overflow) and when a variable is missing.
 */
public sealed interface BuiltinExpr extends Expr {

  /** A constant. */
  record Literal(CValue value) implements BuiltinExpr {
    public Literal {
      requireNonNull(value, "value");
    }

    @Override
    public CType type() {
      return value.type();
    }

    @Override
    public CValue evaluate(Map<String, CValue> variables) {
      return value;
    }

    @Override
    public String canonical() {
      return "(lit " + CTypes.canonical(value) + ")";
    }
  }

  /** A free variable, bound by the expression node to a data node. */
  record Var(String name, CType type) implements BuiltinExpr {
    public Var {
      requireNonNull(name, "name");
      requireNonNull(type, "type");
    }

    @Override
    public CValue evaluate(Map<String, CValue> variables) {
      CValue v = variables.get(name);
      if (v == null) {
        throw new ExpressionException("variable '" + name + "' has no value");
      }
      if (!CTypes.conforms(v, type)) {
        throw new ExpressionException(
            "variable '" + name + "' is " + v.type() + " but " + type + " was expected");
      }
      return v;
    }

    @Override
    public String canonical() {
      return "(var " + name + " " + type.canonical() + ")";
    }
  }

  /**
   * Field {@code field} of a record; on an {@code Optional} record the result is optional too
   * (absent when the record is absent).
   */
  record Field(Expr target, String field) implements BuiltinExpr {
    public Field {
      requireNonNull(target, "target");
      requireNonNull(field, "field");
      Types.fieldType(target.type(), field);
    }

    @Override
    public CType type() {
      return Types.fieldType(target.type(), field);
    }

    @Override
    public CValue evaluate(Map<String, CValue> variables) {
      CValue v = target.evaluate(variables);
      if (v instanceof CValue.CProduct p) {
        return p.field(field)
            .orElseThrow(() -> new ExpressionException("no field '" + field + "'"));
      }
      CType result = type();
      CType inner = ((CType.COptional) result).inner();
      if (v instanceof CValue.CSome s && s.value() instanceof CValue.CProduct p) {
        CValue f =
            p.field(field).orElseThrow(() -> new ExpressionException("no field '" + field + "'"));
        if (f instanceof CValue.CSome || f instanceof CValue.CNone) {
          return f;
        }
        return new CValue.CSome(f, inner);
      }
      return new CValue.CNone(inner);
    }

    @Override
    public String canonical() {
      return "(field " + target.canonical() + " " + Types.quote(field) + ")";
    }
  }

  /** A record with only the listed fields of {@code target}: {@code r[a, b]}. */
  record Project(Expr target, List<String> fields) implements BuiltinExpr {
    public Project {
      requireNonNull(target, "target");
      fields = List.copyOf(fields);
      Types.projectType(target.type(), fields);
    }

    @Override
    public CType type() {
      return Types.projectType(target.type(), fields);
    }

    @Override
    public CValue evaluate(Map<String, CValue> variables) {
      CValue.CProduct p = (CValue.CProduct) target.evaluate(variables);
      Map<String, CValue> out = new LinkedHashMap<>();
      for (String f : fields) {
        out.put(f, p.fields().get(f));
      }
      return new CValue.CProduct(out, (CType.CProduct) type());
    }

    @Override
    public String canonical() {
      StringBuilder sb = new StringBuilder("(project ").append(target.canonical());
      for (String f : fields) {
        sb.append(' ').append(Types.quote(f));
      }
      return sb.append(')').toString();
    }
  }

  /** Record merge {@code a + b}: fields of both, the right side wins on a name clash. */
  record Merge(Expr left, Expr right) implements BuiltinExpr {
    public Merge {
      requireNonNull(left, "left");
      requireNonNull(right, "right");
      Types.mergeType(left.type(), right.type());
    }

    @Override
    public CType type() {
      return Types.mergeType(left.type(), right.type());
    }

    @Override
    public CValue evaluate(Map<String, CValue> variables) {
      CValue.CProduct l = (CValue.CProduct) left.evaluate(variables);
      CValue.CProduct r = (CValue.CProduct) right.evaluate(variables);
      Map<String, CValue> out = new LinkedHashMap<>(l.fields());
      out.putAll(r.fields());
      return new CValue.CProduct(out, (CType.CProduct) type());
    }

    @Override
    public String canonical() {
      return "(merge " + left.canonical() + " " + right.canonical() + ")";
    }
  }

  /** Arithmetic operators. */
  enum ArithOp {
    ADD("+"),
    SUB("-"),
    MUL("*"),
    DIV("/"),
    MOD("%");

    private final String symbol;

    ArithOp(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }
  }

  /**
   * Arithmetic on two operands of the same type: Int and Float take every operator (Int division
   * truncates; dividing by zero and Int overflow are errors); String and List take {@code +}
   * (concatenation).
   */
  record Arith(ArithOp op, Expr left, Expr right) implements BuiltinExpr {
    public Arith {
      requireNonNull(op, "op");
      requireNonNull(left, "left");
      requireNonNull(right, "right");
      Types.arithType(op, left.type(), right.type());
    }

    @Override
    public CType type() {
      return left.type();
    }

    @Override
    public CValue evaluate(Map<String, CValue> variables) {
      CValue l = left.evaluate(variables);
      CValue r = right.evaluate(variables);
      return Types.arith(op, l, r);
    }

    @Override
    public String canonical() {
      return "(" + op.symbol() + " " + left.canonical() + " " + right.canonical() + ")";
    }
  }

  /** Unary minus on Int or Float. */
  record Negate(Expr operand) implements BuiltinExpr {
    public Negate {
      requireNonNull(operand, "operand");
      if (!(operand.type() instanceof CType.CInt) && !(operand.type() instanceof CType.CFloat)) {
        throw new IllegalArgumentException("cannot negate " + operand.type());
      }
    }

    @Override
    public CType type() {
      return operand.type();
    }

    @Override
    public CValue evaluate(Map<String, CValue> variables) {
      CValue v = operand.evaluate(variables);
      if (v instanceof CValue.CInt i) {
        try {
          return new CValue.CInt(Math.negateExact(i.value()));
        } catch (ArithmeticException e) {
          throw new ExpressionException("integer overflow in -" + i.value());
        }
      }
      return new CValue.CFloat(-((CValue.CFloat) v).value());
    }

    @Override
    public String canonical() {
      return "(neg " + operand.canonical() + ")";
    }
  }

  /** Comparison operators. */
  enum CompareOp {
    EQ("=="),
    NE("!="),
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">=");

    private final String symbol;

    CompareOp(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }
  }

  /**
   * Comparison of two operands of the same type: {@code == !=} on any type (structural), ordering
   * on Int, Float and String.
   */
  record Compare(CompareOp op, Expr left, Expr right) implements BuiltinExpr {
    public Compare {
      requireNonNull(op, "op");
      requireNonNull(left, "left");
      requireNonNull(right, "right");
      Types.checkCompare(op, left.type(), right.type());
    }

    @Override
    public CType type() {
      return CType.BOOLEAN;
    }

    @Override
    public CValue evaluate(Map<String, CValue> variables) {
      CValue l = left.evaluate(variables);
      CValue r = right.evaluate(variables);
      boolean result =
          switch (op) {
            case EQ -> l.equals(r);
            case NE -> !l.equals(r);
            default -> {
              int c = Types.order(l, r);
              yield switch (op) {
                case LT -> c < 0;
                case LE -> c <= 0;
                case GT -> c > 0;
                default -> c >= 0;
              };
            }
          };
      return new CValue.CBoolean(result);
    }

    @Override
    public String canonical() {
      return "(" + op.symbol() + " " + left.canonical() + " " + right.canonical() + ")";
    }
  }

  /** Short-circuit {@code and}. */
  record And(Expr left, Expr right) implements BuiltinExpr {
    public And {
      Types.requireBoolean(left, "and");
      Types.requireBoolean(right, "and");
    }

    @Override
    public CType type() {
      return CType.BOOLEAN;
    }

    @Override
    public CValue evaluate(Map<String, CValue> variables) {
      if (!Types.truth(left.evaluate(variables))) {
        return new CValue.CBoolean(false);
      }
      return right.evaluate(variables);
    }

    @Override
    public String canonical() {
      return "(and " + left.canonical() + " " + right.canonical() + ")";
    }
  }

  /** Short-circuit {@code or}. */
  record Or(Expr left, Expr right) implements BuiltinExpr {
    public Or {
      Types.requireBoolean(left, "or");
      Types.requireBoolean(right, "or");
    }

    @Override
    public CType type() {
      return CType.BOOLEAN;
    }

    @Override
    public CValue evaluate(Map<String, CValue> variables) {
      if (Types.truth(left.evaluate(variables))) {
        return new CValue.CBoolean(true);
      }
      return right.evaluate(variables);
    }

    @Override
    public String canonical() {
      return "(or " + left.canonical() + " " + right.canonical() + ")";
    }
  }

  /** Boolean negation. */
  record Not(Expr operand) implements BuiltinExpr {
    public Not {
      Types.requireBoolean(operand, "not");
    }

    @Override
    public CType type() {
      return CType.BOOLEAN;
    }

    @Override
    public CValue evaluate(Map<String, CValue> variables) {
      return new CValue.CBoolean(!Types.truth(operand.evaluate(variables)));
    }

    @Override
    public String canonical() {
      return "(not " + operand.canonical() + ")";
    }
  }

  /** {@code if (cond) a else b}; both arms have the same type. */
  record If(Expr condition, Expr then, Expr otherwise) implements BuiltinExpr {
    public If {
      Types.requireBoolean(condition, "if");
      requireNonNull(then, "then");
      requireNonNull(otherwise, "otherwise");
      Types.requireSame(then.type(), otherwise.type(), "if arms");
    }

    @Override
    public CType type() {
      return then.type();
    }

    @Override
    public CValue evaluate(Map<String, CValue> variables) {
      return Types.truth(condition.evaluate(variables))
          ? then.evaluate(variables)
          : otherwise.evaluate(variables);
    }

    @Override
    public String canonical() {
      return "(if "
          + condition.canonical()
          + " "
          + then.canonical()
          + " "
          + otherwise.canonical()
          + ")";
    }
  }

  /** One {@code condition -> value} arm of a {@link Branch}. */
  record Case(Expr condition, Expr value) {
    public Case {
      Types.requireBoolean(condition, "branch");
      requireNonNull(value, "value");
    }
  }

  /** {@code branch { c1 -> v1, c2 -> v2, otherwise -> v }}: the first true arm wins. */
  record Branch(List<Case> cases, Expr otherwise) implements BuiltinExpr {
    public Branch {
      cases = List.copyOf(cases);
      requireNonNull(otherwise, "otherwise");
      if (cases.isEmpty()) {
        throw new IllegalArgumentException("branch needs at least one case");
      }
      for (Case c : cases) {
        Types.requireSame(c.value().type(), otherwise.type(), "branch arms");
      }
    }

    @Override
    public CType type() {
      return otherwise.type();
    }

    @Override
    public CValue evaluate(Map<String, CValue> variables) {
      for (Case c : cases) {
        if (Types.truth(c.condition().evaluate(variables))) {
          return c.value().evaluate(variables);
        }
      }
      return otherwise.evaluate(variables);
    }

    @Override
    public String canonical() {
      StringBuilder sb = new StringBuilder("(branch");
      for (Case c : cases) {
        sb.append(" (").append(c.condition().canonical()).append(' ');
        sb.append(c.value().canonical()).append(')');
      }
      return sb.append(" (otherwise ").append(otherwise.canonical()).append("))").toString();
    }
  }

  /** Guard {@code value when condition}: {@code Some(value)} when true, else {@code None}. */
  record When(Expr value, Expr condition) implements BuiltinExpr {
    public When {
      requireNonNull(value, "value");
      Types.requireBoolean(condition, "when");
    }

    @Override
    public CType type() {
      return CType.optional(value.type());
    }

    @Override
    public CValue evaluate(Map<String, CValue> variables) {
      if (Types.truth(condition.evaluate(variables))) {
        return new CValue.CSome(value.evaluate(variables), value.type());
      }
      return new CValue.CNone(value.type());
    }

    @Override
    public String canonical() {
      return "(when " + value.canonical() + " " + condition.canonical() + ")";
    }
  }

  /**
   * {@code left ?? right}: the inner value of optional {@code left}, else {@code right}. When
   * {@code right} is optional too, the result stays optional.
   */
  record Coalesce(Expr left, Expr right) implements BuiltinExpr {
    public Coalesce {
      requireNonNull(left, "left");
      requireNonNull(right, "right");
      if (!(left.type() instanceof CType.COptional o)) {
        throw new IllegalArgumentException("?? needs an Optional on its left, not " + left.type());
      }
      if (!right.type().equals(o.inner()) && !right.type().equals(left.type())) {
        throw new IllegalArgumentException(
            "?? default is " + right.type() + " but " + o.inner() + " was expected");
      }
    }

    @Override
    public CType type() {
      return right.type();
    }

    @Override
    public CValue evaluate(Map<String, CValue> variables) {
      CValue l = left.evaluate(variables);
      if (l instanceof CValue.CSome s) {
        return right.type().equals(left.type()) ? s : s.value();
      }
      return right.evaluate(variables);
    }

    @Override
    public String canonical() {
      return "(?? " + left.canonical() + " " + right.canonical() + ")";
    }
  }

  /**
   * String interpolation: the display text of each part, concatenated. Strings are inserted as they
   * are; other values use {@link Display}.
   */
  record Interpolate(List<Expr> parts) implements BuiltinExpr {
    public Interpolate {
      parts = List.copyOf(parts);
    }

    @Override
    public CType type() {
      return CType.STRING;
    }

    @Override
    public CValue evaluate(Map<String, CValue> variables) {
      StringBuilder sb = new StringBuilder();
      for (Expr p : parts) {
        Display.append(p.evaluate(variables), sb);
      }
      return new CValue.CString(sb.toString());
    }

    @Override
    public String canonical() {
      StringBuilder sb = new StringBuilder("(interp");
      for (Expr p : parts) {
        sb.append(' ').append(p.canonical());
      }
      return sb.append(')').toString();
    }
  }

  /** A list literal; every element has {@code elemType}. */
  record ListOf(List<Expr> elements, CType elemType) implements BuiltinExpr {
    public ListOf {
      elements = List.copyOf(elements);
      requireNonNull(elemType, "elemType");
      for (Expr e : elements) {
        Types.requireSame(e.type(), elemType, "list elements");
      }
    }

    @Override
    public CType type() {
      return CType.list(elemType);
    }

    @Override
    public CValue evaluate(Map<String, CValue> variables) {
      List<CValue> out = new ArrayList<>(elements.size());
      for (Expr e : elements) {
        out.add(e.evaluate(variables));
      }
      return new CValue.CList(out, elemType);
    }

    @Override
    public String canonical() {
      StringBuilder sb = new StringBuilder("(list ").append(elemType.canonical());
      for (Expr e : elements) {
        sb.append(' ').append(e.canonical());
      }
      return sb.append(')').toString();
    }
  }

  /** A record literal {@code { a: x, b: y }}; fields keep their order. */
  record RecordOf(Map<String, Expr> fields) implements BuiltinExpr {
    public RecordOf {
      fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    @Override
    public CType type() {
      Map<String, CType> t = new LinkedHashMap<>();
      fields.forEach((k, v) -> t.put(k, v.type()));
      return CType.product(t);
    }

    @Override
    public CValue evaluate(Map<String, CValue> variables) {
      Map<String, CValue> out = new LinkedHashMap<>();
      fields.forEach((k, v) -> out.put(k, v.evaluate(variables)));
      return new CValue.CProduct(out, (CType.CProduct) type());
    }

    @Override
    public String canonical() {
      StringBuilder sb = new StringBuilder("(record");
      new java.util.TreeMap<>(fields)
          .forEach(
              (k, v) -> sb.append(' ').append(Types.quote(k)).append(' ').append(v.canonical()));
      return sb.append(')').toString();
    }
  }

  /**
   * A widening conversion to {@code type}: Int to Float, T to Optional&lt;T&gt; (Some), a value to
   * the union variant of its type, and element-wise for lists, optionals and records (same field
   * names).
   */
  record Convert(Expr operand, CType type) implements BuiltinExpr {
    public Convert {
      requireNonNull(operand, "operand");
      requireNonNull(type, "type");
      if (!Types.widens(operand.type(), type)) {
        throw new IllegalArgumentException("cannot convert " + operand.type() + " to " + type);
      }
    }

    @Override
    public CValue evaluate(Map<String, CValue> variables) {
      return Types.widen(operand.evaluate(variables), type);
    }

    @Override
    public String canonical() {
      return "(convert " + type.canonical() + " " + operand.canonical() + ")";
    }
  }

  /**
   * Whether a value of {@code from} can be used where {@code to} is expected through a {@link
   * Convert}: equal types, Int to Float, T to Optional&lt;T&gt;, a variant to its union, and
   * element-wise for lists, optionals and records (same field names).
   */
  static boolean widens(CType from, CType to) {
    return Types.widens(from, to);
  }

  /** {@code value} widened to {@code to} (see {@link #widens}). */
  static CValue widen(CValue value, CType to) {
    return Types.widen(value, to);
  }

  /** The union variant name chosen for {@code type} inside {@code union}, if any. */
  static Optional<String> variantOf(CType.CUnion union, CType type) {
    for (Map.Entry<String, CType> v : union.variants().entrySet()) {
      if (v.getValue().equals(type)) {
        return Optional.of(v.getKey());
      }
    }
    return Optional.empty();
  }
}
