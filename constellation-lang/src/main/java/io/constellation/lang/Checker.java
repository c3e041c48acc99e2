package io.constellation.lang;

import io.constellation.ConstellationException;
import io.constellation.lang.Ast.Stmt;
import io.constellation.module.Module;
import io.constellation.module.ModuleRegistry;
import io.constellation.pipeline.DagNode;
import io.constellation.pipeline.DagSpec;
import io.constellation.pipeline.DataNode;
import io.constellation.pipeline.ExpressionNode;
import io.constellation.pipeline.ModuleNode;
import io.constellation.pipeline.expr.BuiltinExpr;
import io.constellation.pipeline.expr.BuiltinExpr.ArithOp;
import io.constellation.pipeline.expr.BuiltinExpr.CompareOp;
import io.constellation.pipeline.expr.Expr;
import io.constellation.type.CType;
import io.constellation.type.CValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Type-checks a parsed program and lowers it to a {@link DagSpec}: module calls become {@link
 * ModuleNode}s (nested calls get generated data nodes named {@code assignment$n}), every other
 * expression becomes an {@link ExpressionNode} whose free variables are named {@code v0, v1, ..} by
 * first occurrence. Collects every error it finds; an expression with an error has no type ({@code
 * null}) and does not cause follow-up errors.
 */
final class Checker {
  /** A typed expression whose variables are named after data nodes. */
  record Typed(CType type, Expr expr) {}

  private record Sym(CType type, String dataNode, int pos) {}

  private final Source src;
  private final ModuleRegistry registry;
  private final List<CompileError> errors;

  private final Map<String, CType> typeAliases = new HashMap<>();
  private final Map<String, List<String>> useAliases = new LinkedHashMap<>();
  private final List<String> plainUses = new ArrayList<>();
  private final Map<String, Sym> vars = new LinkedHashMap<>();
  private final Map<String, Integer> laterAssignments = new HashMap<>();
  private final Map<String, DataNode> dataNodes = new LinkedHashMap<>();
  private final List<DagNode> nodes = new ArrayList<>();
  private final Map<String, String> outputs = new LinkedHashMap<>();

  private String current;
  private int generated;

  /** Names whose definition had an error: using them reports nothing more. */
  private final Set<String> failed;

  Checker(Source src, ModuleRegistry registry, List<CompileError> errors, Set<String> failed) {
    this.failed = failed;
    this.src = src;
    this.registry = registry;
    this.errors = errors;
  }

  /** The DAG, or empty when there were errors (they are in the error list). */
  Optional<DagSpec> check(List<Stmt> program, String name) {
    for (Stmt s : program) {
      if (s instanceof Ast.Assign a) {
        laterAssignments.putIfAbsent(a.name(), a.pos());
      }
    }
    for (Stmt s : program) {
      switch (s) {
        case Ast.Use u -> use(u);
        case Ast.TypeDef t -> typeDef(t);
        case Ast.Input in -> input(in);
        case Ast.Assign a -> assign(a);
        case Ast.Output o -> output(o);
      }
    }
    if (errors.isEmpty() && outputs.isEmpty()) {
      error(src.text.length(), "the pipeline declares no output; add 'out <name>'");
    }
    if (!errors.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new DagSpec(name, dataNodes, nodes, outputs));
    } catch (ConstellationException e) {
      error(0, "internal compiler error: " + e.getMessage().replace('\n', ' '));
      return Optional.empty();
    }
  }

  // ---- statements

  private void use(Ast.Use u) {
    String ns = String.join(".", u.path());
    Set<String> namespaces = new TreeSet<>();
    for (String m : registry.names()) {
      String[] parts = m.split("\\.");
      StringBuilder sb = new StringBuilder();
      for (int k = 0; k < parts.length - 1; k++) {
        if (k > 0) {
          sb.append('.');
        }
        sb.append(parts[k]);
        namespaces.add(sb.toString());
      }
    }
    if (!namespaces.contains(ns)) {
      error(
          u.pos() + 4, "no module is registered under '" + ns + "'" + Suggest.hint(ns, namespaces));
      return;
    }
    if (u.alias() != null) {
      if (useAliases.containsKey(u.alias()) || vars.containsKey(u.alias())) {
        error(u.aliasPos(), "alias '" + u.alias() + "' is already defined");
        return;
      }
      useAliases.put(u.alias(), u.path());
    } else {
      plainUses.add(ns);
      useAliases.putIfAbsent(u.path().get(u.path().size() - 1), u.path());
    }
  }

  private void typeDef(Ast.TypeDef t) {
    if (BASE_TYPES.contains(t.name()) || GENERIC_TYPES.contains(t.name())) {
      error(t.namePos(), "'" + t.name() + "' is a built-in type and cannot be redefined");
      return;
    }
    if (typeAliases.containsKey(t.name())) {
      error(t.namePos(), "type '" + t.name() + "' is already defined");
      return;
    }
    CType type = resolveType(t.type());
    if (type != null) {
      typeAliases.put(t.name(), type);
    }
  }

  private void input(Ast.Input in) {
    CType type = resolveType(in.type());
    Optional<CValue> example = Optional.empty();
    for (Ast.Annotation a : in.annotations()) {
      if (!a.name().equals("example")) {
        error(
            a.pos(),
            "unknown annotation '@" + a.name() + "'" + Suggest.hint(a.name(), List.of("example")));
        continue;
      }
      if (a.argument() == null) {
        error(a.pos(), "@example needs a value: @example(42)");
        continue;
      }
      if (type != null) {
        example = constant(a.argument(), type, "@example");
      }
    }
    if (!define(in.name(), in.namePos())) {
      return;
    }
    if (type == null) {
      failed.add(in.name());
      return;
    }
    dataNodes.put(in.name(), new DataNode(in.name(), type, example));
    vars.put(in.name(), new Sym(type, in.name(), in.namePos()));
  }

  private void output(Ast.Output o) {
    Sym sym = vars.get(o.name());
    if (sym == null) {
      if (failed.contains(o.name()) && !laterAssignments.containsKey(o.name())) {
        return;
      }
      if (!laterAssignments.containsKey(o.name())) {
        error(
            o.pos(), "unknown variable '" + o.name() + "'" + Suggest.hint(o.name(), vars.keySet()));
      }
      // an erroneous definition was already reported
      else if (laterAssignments.get(o.name()) > o.pos()) {
        error(
            o.pos(),
            "'"
                + o.name()
                + "' is used before it is defined (line "
                + src.line(laterAssignments.get(o.name()))
                + ")");
      }
      return;
    }
    if (outputs.containsKey(o.name())) {
      error(o.pos(), "output '" + o.name() + "' is declared twice");
      return;
    }
    outputs.put(o.name(), sym.dataNode());
  }

  private void assign(Ast.Assign a) {
    if (!define(a.name(), a.pos())) {
      return;
    }
    current = a.name();
    generated = 0;
    Typed t;
    if (a.value() instanceof Ast.Call call) {
      t = call(call, a.name(), a.options());
    } else {
      if (!a.options().isEmpty()) {
        error(
            a.withPos(),
            "'with' options apply to module calls only, and '"
                + a.name()
                + "' is not a module call");
      }
      t = check(a.value(), false);
      if (t != null) {
        emitExpression(a.name(), t.expr());
      }
    }
    if (t != null) {
      vars.put(a.name(), new Sym(t.type(), a.name(), a.pos()));
    } else {
      failed.add(a.name());
    }
  }

  private boolean define(String name, int pos) {
    Sym existing = vars.get(name);
    if (existing != null) {
      error(pos, "'" + name + "' is already defined on line " + src.line(existing.pos()));
      return false;
    }
    return true;
  }

  // ---- lowering

  private void emitExpression(String name, Expr expr) {
    LinkedHashSet<String> free = new LinkedHashSet<>();
    ExprTrees.vars(expr, free);
    Map<String, String> rename = new HashMap<>();
    Map<String, String> inputs = new LinkedHashMap<>();
    int k = 0;
    for (String dataNode : free) {
      String local = "v" + k++;
      rename.put(dataNode, local);
      inputs.put(local, dataNode);
    }
    Expr local = ExprTrees.rename(expr, rename);
    dataNodes.put(name, new DataNode(name, local.type()));
    nodes.add(new ExpressionNode(name, local, inputs, name));
  }

  /** The data node holding {@code t} converted to {@code type}, emitting a node if needed. */
  private String dataNodeFor(Typed t, CType type) {
    if (t.expr() instanceof BuiltinExpr.Var v && t.type().equals(type)) {
      return v.name();
    }
    String name = current + "$" + ++generated;
    emitExpression(name, convert(t, type).expr());
    return name;
  }

  // ---- module calls

  private Typed call(Ast.Call call, String id, List<Ast.Option> options) {
    Module module = resolveModule(call.path(), call.pos());
    Map<String, Typed> bound = new LinkedHashMap<>();
    boolean ok = module != null;
    boolean argumentErrors = false;
    List<String> params = module == null ? List.of() : new ArrayList<>(module.inputs().keySet());
    int positional = 0;
    for (Ast.Arg arg : call.args()) {
      Typed value = check(arg.value(), false);
      if (module == null) {
        continue;
      }
      String param;
      if (arg.name() == null) {
        if (positional >= params.size()) {
          error(
              arg.pos(),
              "too many arguments: "
                  + module.name()
                  + " takes "
                  + params.size()
                  + " ("
                  + signature(module)
                  + ")");
          ok = false;
          argumentErrors = true;
          continue;
        }
        param = params.get(positional++);
      } else {
        param = arg.name();
        if (!module.inputs().containsKey(param)) {
          error(
              arg.pos(),
              module.name()
                  + " has no input '"
                  + param
                  + "'"
                  + Suggest.hint(param, params)
                  + " (inputs: "
                  + signature(module)
                  + ")");
          ok = false;
          argumentErrors = true;
          continue;
        }
      }
      if (bound.containsKey(param)) {
        error(arg.pos(), "argument '" + param + "' of " + module.name() + " is given twice");
        ok = false;
        continue;
      }
      bound.put(param, value);
      if (value == null) {
        ok = false;
        continue;
      }
      CType expected = module.inputs().get(param);
      if (!BuiltinExpr.widens(value.type(), expected)) {
        error(
            arg.value().pos(),
            "argument '"
                + param
                + "' of "
                + module.name()
                + " expects "
                + expected
                + " but got "
                + value.type());
        ok = false;
      }
    }
    if (module != null && !argumentErrors) {
      for (String p : params) {
        if (!bound.containsKey(p)) {
          error(
              call.pos(),
              "missing argument '"
                  + p
                  + ": "
                  + module.inputs().get(p)
                  + "' in call of "
                  + module.name()
                  + "("
                  + signature(module)
                  + ")");
          ok = false;
        }
      }
    }
    CType result = module == null ? null : module.outputs().get(module.primaryOutput());
    io.constellation.pipeline.CallOptions callOptions = Options.compile(options, result, this, src);
    if (!ok || callOptions == null) {
      return null;
    }
    String nodeId = id != null ? id : current + "$" + ++generated;
    Map<String, String> bindings = new LinkedHashMap<>();
    for (String p : params) {
      bindings.put(p, dataNodeFor(bound.get(p), module.inputs().get(p)));
    }
    dataNodes.put(nodeId, new DataNode(nodeId, result));
    nodes.add(
        new ModuleNode(
            nodeId, module.name(), bindings, Map.of(module.primaryOutput(), nodeId), callOptions));
    return new Typed(result, new BuiltinExpr.Var(nodeId, result));
  }

  private static String signature(Module m) {
    List<String> parts = new ArrayList<>();
    m.inputs().forEach((k, v) -> parts.add(k + ": " + v));
    return String.join(", ", parts);
  }

  private Module resolveModule(List<String> path, int pos) {
    String name = String.join(".", path);
    if (path.size() > 1 && useAliases.containsKey(path.get(0))) {
      List<String> full = new ArrayList<>(useAliases.get(path.get(0)));
      full.addAll(path.subList(1, path.size()));
      Optional<Module> m = registry.find(String.join(".", full));
      if (m.isPresent()) {
        return m.get();
      }
    }
    Optional<Module> direct = registry.find(name);
    if (direct.isPresent()) {
      return direct.get();
    }
    for (String ns : plainUses) {
      Optional<Module> m = registry.find(ns + "." + name);
      if (m.isPresent()) {
        return m.get();
      }
    }
    Set<String> candidates = new TreeSet<>();
    for (String full : registry.names()) {
      candidates.add(full);
      int dot = full.lastIndexOf('.');
      if (dot >= 0) {
        candidates.add(full.substring(dot + 1));
      }
      useAliases.forEach(
          (alias, ns) -> {
            String prefix = String.join(".", ns) + ".";
            if (full.startsWith(prefix)) {
              candidates.add(alias + "." + full.substring(prefix.length()));
            }
          });
    }
    error(pos, "unknown module '" + name + "'" + Suggest.hint(name, candidates));
    return null;
  }

  // ---- expressions

  /** Type-checks {@code e}; in constant mode names and calls are errors. */
  Typed check(Ast.Expr e, boolean constant) {
    return switch (e) {
      case Ast.IntLit l -> lit(CValue.of(l.value()));
      case Ast.FloatLit l -> lit(CValue.of(l.value()));
      case Ast.BoolLit l -> lit(CValue.of(l.value()));
      case Ast.DurationLit d -> {
        error(
            d.pos(),
            "a duration such as '" + d.text() + "' is only allowed as a 'with' option value");
        yield null;
      }
      case Ast.Str s -> string(s, constant);
      case Ast.Name n -> {
        if (constant) {
          error(
              n.pos(),
              "expected a literal value, found the name '" + String.join(".", n.path()) + "'");
          yield null;
        }
        yield name(n);
      }
      case Ast.Call c -> {
        if (constant) {
          error(c.pos(), "expected a literal value, found a module call");
          yield null;
        }
        yield call(c, null, List.of());
      }
      case Ast.FieldAccess f -> {
        Typed target = check(f.target(), constant);
        yield target == null ? null : field(target, f.field(), f.pos());
      }
      case Ast.Project p -> project(p, constant);
      case Ast.Binary b -> binary(b, constant);
      case Ast.Unary u -> unary(u, constant);
      case Ast.If i -> {
        Typed c = bool(i.condition(), "the condition of 'if'", constant);
        Typed a = check(i.then(), constant);
        Typed b = check(i.otherwise(), constant);
        if (c == null || a == null || b == null) {
          yield null;
        }
        CType t = unify(List.of(a.type(), b.type()));
        if (t == null) {
          error(
              i.pos(),
              "the branches of 'if' have different types: " + a.type() + " and " + b.type());
          yield null;
        }
        yield new Typed(
            t, new BuiltinExpr.If(c.expr(), convert(a, t).expr(), convert(b, t).expr()));
      }
      case Ast.Branch b -> branch(b, constant);
      case Ast.When w -> {
        Typed v = check(w.value(), constant);
        Typed c = bool(w.condition(), "the condition of 'when'", constant);
        if (v == null || c == null) {
          yield null;
        }
        BuiltinExpr.When out = new BuiltinExpr.When(v.expr(), c.expr());
        yield new Typed(out.type(), out);
      }
      case Ast.ListLit l -> list(l, constant);
      case Ast.RecordLit r -> record(r, constant);
    };
  }

  private static Typed lit(CValue v) {
    return new Typed(v.type(), new BuiltinExpr.Literal(v));
  }

  private Typed string(Ast.Str s, boolean constant) {
    if (s.parts().size() == 1 && s.parts().get(0) instanceof String text) {
      return lit(CValue.of(text));
    }
    List<Expr> parts = new ArrayList<>();
    boolean ok = true;
    for (Object p : s.parts()) {
      if (p instanceof String text) {
        parts.add(new BuiltinExpr.Literal(CValue.of(text)));
      } else {
        Typed t = check((Ast.Expr) p, constant);
        if (t == null) {
          ok = false;
        } else {
          parts.add(t.expr());
        }
      }
    }
    return ok ? new Typed(CType.STRING, new BuiltinExpr.Interpolate(parts)) : null;
  }

  private Typed name(Ast.Name n) {
    String head = n.path().get(0);
    Sym sym = vars.get(head);
    if (sym == null) {
      Integer later = laterAssignments.get(head);
      if (later != null && later > n.pos()) {
        error(
            n.pos(), "'" + head + "' is used before it is defined (line " + src.line(later) + ")");
      } else if (later != null || failed.contains(head)) {
        return null; // its definition had an error, already reported
      } else if (n.path().size() > 1 && useAliases.containsKey(head)
          || registry.find(String.join(".", n.path())).isPresent()) {
        error(n.pos(), "'" + String.join(".", n.path()) + "' is a module; call it with arguments");
      } else {
        error(n.pos(), "unknown variable '" + head + "'" + Suggest.hint(head, vars.keySet()));
      }
      return null;
    }
    Typed t = new Typed(sym.type(), new BuiltinExpr.Var(sym.dataNode(), sym.type()));
    for (int k = 1; k < n.path().size() && t != null; k++) {
      t = field(t, n.path().get(k), n.positions().get(k));
    }
    return t;
  }

  private Typed field(Typed target, String field, int pos) {
    CType.CProduct record = null;
    if (target.type() instanceof CType.CProduct p) {
      record = p;
    } else if (target.type() instanceof CType.COptional o
        && o.inner() instanceof CType.CProduct p) {
      record = p;
    }
    if (record == null) {
      error(pos, "cannot read field '" + field + "' of " + target.type() + ", it is not a record");
      return null;
    }
    if (!record.fields().containsKey(field)) {
      error(
          pos,
          "record "
              + record
              + " has no field '"
              + field
              + "'"
              + Suggest.hint(field, record.fields().keySet()));
      return null;
    }
    BuiltinExpr.Field f = new BuiltinExpr.Field(target.expr(), field);
    return new Typed(f.type(), f);
  }

  private Typed project(Ast.Project p, boolean constant) {
    Typed target = check(p.target(), constant);
    if (target == null) {
      return null;
    }
    if (!(target.type() instanceof CType.CProduct record)) {
      error(p.pos(), "cannot project fields of " + target.type() + ", it is not a record");
      return null;
    }
    boolean ok = true;
    Set<String> seen = new LinkedHashSet<>();
    for (int k = 0; k < p.fields().size(); k++) {
      String f = p.fields().get(k);
      if (!record.fields().containsKey(f)) {
        error(
            p.positions().get(k),
            "record "
                + record
                + " has no field '"
                + f
                + "'"
                + Suggest.hint(f, record.fields().keySet()));
        ok = false;
      } else if (!seen.add(f)) {
        error(p.positions().get(k), "field '" + f + "' is projected twice");
        ok = false;
      }
    }
    if (!ok) {
      return null;
    }
    BuiltinExpr.Project out = new BuiltinExpr.Project(target.expr(), p.fields());
    return new Typed(out.type(), out);
  }

  private Typed bool(Ast.Expr e, String what, boolean constant) {
    Typed t = check(e, constant);
    if (t != null && !(t.type() instanceof CType.CBoolean)) {
      error(e.pos(), what + " must be Boolean, but is " + t.type());
      return null;
    }
    return t;
  }

  private Typed unary(Ast.Unary u, boolean constant) {
    if (u.op().equals("not")) {
      Typed t = bool(u.operand(), "the operand of 'not'", constant);
      return t == null ? null : new Typed(CType.BOOLEAN, new BuiltinExpr.Not(t.expr()));
    }
    Typed t = check(u.operand(), constant);
    if (t == null) {
      return null;
    }
    if (!isNumber(t.type())) {
      error(u.pos(), "unary '-' needs an Int or Float, not " + t.type());
      return null;
    }
    if (t.expr() instanceof BuiltinExpr.Literal l
        && l.value() instanceof CValue.CInt i
        && i.value() != Long.MIN_VALUE) {
      return lit(CValue.of(-i.value()));
    }
    if (t.expr() instanceof BuiltinExpr.Literal l && l.value() instanceof CValue.CFloat f) {
      return lit(CValue.of(-f.value()));
    }
    return new Typed(t.type(), new BuiltinExpr.Negate(t.expr()));
  }

  private static boolean isNumber(CType t) {
    return t instanceof CType.CInt || t instanceof CType.CFloat;
  }

  private Typed binary(Ast.Binary b, boolean constant) {
    if (b.op().equals("and") || b.op().equals("or")) {
      Typed l = bool(b.left(), "the left side of '" + b.op() + "'", constant);
      Typed r = bool(b.right(), "the right side of '" + b.op() + "'", constant);
      if (l == null || r == null) {
        return null;
      }
      Expr e =
          b.op().equals("and")
              ? new BuiltinExpr.And(l.expr(), r.expr())
              : new BuiltinExpr.Or(l.expr(), r.expr());
      return new Typed(CType.BOOLEAN, e);
    }
    Typed l = check(b.left(), constant);
    Typed r = check(b.right(), constant);
    if (l == null || r == null) {
      return null;
    }
    switch (b.op()) {
      case "??" -> {
        if (!(l.type() instanceof CType.COptional o)) {
          error(b.pos(), "the left side of '??' must be Optional, but is " + l.type());
          return null;
        }
        CType target =
            BuiltinExpr.widens(r.type(), o.inner())
                ? o.inner()
                : BuiltinExpr.widens(r.type(), l.type()) ? l.type() : null;
        if (target == null) {
          error(
              b.right().pos(), "the default of '??' must be " + o.inner() + ", but is " + r.type());
          return null;
        }
        return new Typed(target, new BuiltinExpr.Coalesce(l.expr(), convert(r, target).expr()));
      }
      case "==", "!=", "<", "<=", ">", ">=" -> {
        CompareOp op =
            switch (b.op()) {
              case "==" -> CompareOp.EQ;
              case "!=" -> CompareOp.NE;
              case "<" -> CompareOp.LT;
              case "<=" -> CompareOp.LE;
              case ">" -> CompareOp.GT;
              default -> CompareOp.GE;
            };
        CType t = unify(List.of(l.type(), r.type()));
        if (t == null) {
          error(b.pos(), "cannot compare " + l.type() + " with " + r.type());
          return null;
        }
        if (op != CompareOp.EQ
            && op != CompareOp.NE
            && !(isNumber(t) || t instanceof CType.CString)) {
          error(b.pos(), "operator " + b.op() + " needs Int, Float or String operands, not " + t);
          return null;
        }
        return new Typed(
            CType.BOOLEAN, new BuiltinExpr.Compare(op, convert(l, t).expr(), convert(r, t).expr()));
      }
      default -> {
        ArithOp op =
            switch (b.op()) {
              case "+" -> ArithOp.ADD;
              case "-" -> ArithOp.SUB;
              case "*" -> ArithOp.MUL;
              case "/" -> ArithOp.DIV;
              default -> ArithOp.MOD;
            };
        if (op == ArithOp.ADD
            && l.type() instanceof CType.CProduct
            && r.type() instanceof CType.CProduct) {
          BuiltinExpr.Merge m = new BuiltinExpr.Merge(l.expr(), r.expr());
          return new Typed(m.type(), m);
        }
        CType t = unify(List.of(l.type(), r.type()));
        boolean fits =
            t != null
                && (isNumber(t)
                    || (op == ArithOp.ADD
                        && (t instanceof CType.CString || t instanceof CType.CList)));
        if (!fits) {
          String hint =
              op == ArithOp.ADD
                      && (l.type() instanceof CType.CString || r.type() instanceof CType.CString)
                  ? " (use interpolation such as \"${a}${b}\" to build text)"
                  : "";
          error(
              b.pos(),
              "operator " + b.op() + " cannot combine " + l.type() + " and " + r.type() + hint);
          return null;
        }
        return new Typed(t, new BuiltinExpr.Arith(op, convert(l, t).expr(), convert(r, t).expr()));
      }
    }
  }

  private Typed branch(Ast.Branch b, boolean constant) {
    List<Typed> conds = new ArrayList<>();
    List<Typed> values = new ArrayList<>();
    boolean ok = true;
    for (Ast.Case c : b.cases()) {
      Typed cond = bool(c.condition(), "a branch condition", constant);
      Typed value = check(c.value(), constant);
      ok &= cond != null && value != null;
      conds.add(cond);
      values.add(value);
    }
    Typed otherwise = check(b.otherwise(), constant);
    if (!ok || otherwise == null) {
      return null;
    }
    List<CType> types = new ArrayList<>();
    values.forEach(v -> types.add(v.type()));
    types.add(otherwise.type());
    CType t = unify(types);
    if (t == null) {
      error(
          b.pos(),
          "the arms of 'branch' have different types: "
              + String.join(", ", types.stream().map(String::valueOf).distinct().toList()));
      return null;
    }
    List<BuiltinExpr.Case> cases = new ArrayList<>();
    for (int k = 0; k < conds.size(); k++) {
      cases.add(new BuiltinExpr.Case(conds.get(k).expr(), convert(values.get(k), t).expr()));
    }
    return new Typed(t, new BuiltinExpr.Branch(cases, convert(otherwise, t).expr()));
  }

  private Typed list(Ast.ListLit l, boolean constant) {
    if (l.elements().isEmpty()) {
      error(l.pos(), "cannot infer the element type of an empty list literal");
      return null;
    }
    List<Typed> elems = new ArrayList<>();
    boolean ok = true;
    for (Ast.Expr e : l.elements()) {
      Typed t = check(e, constant);
      ok &= t != null;
      elems.add(t);
    }
    if (!ok) {
      return null;
    }
    CType t = unify(elems.stream().map(Typed::type).toList());
    if (t == null) {
      error(
          l.pos(),
          "list elements have different types: "
              + String.join(
                  ", ", elems.stream().map(x -> String.valueOf(x.type())).distinct().toList()));
      return null;
    }
    return new Typed(
        CType.list(t),
        new BuiltinExpr.ListOf(elems.stream().map(x -> convert(x, t).expr()).toList(), t));
  }

  private Typed record(Ast.RecordLit r, boolean constant) {
    Map<String, Expr> fields = new LinkedHashMap<>();
    boolean ok = true;
    for (Ast.RField f : r.fields()) {
      Typed t = check(f.value(), constant);
      if (fields.containsKey(f.name())) {
        error(f.pos(), "field '" + f.name() + "' appears twice in the record");
        ok = false;
      } else if (t == null) {
        ok = false;
      } else {
        fields.put(f.name(), t.expr());
      }
    }
    if (!ok) {
      return null;
    }
    BuiltinExpr.RecordOf out = new BuiltinExpr.RecordOf(fields);
    return new Typed(out.type(), out);
  }

  /** The common type all of {@code types} widen to, or null. */
  static CType unify(List<CType> types) {
    CType cur = types.get(0);
    for (CType t : types) {
      if (BuiltinExpr.widens(t, cur)) {
        continue;
      }
      if (BuiltinExpr.widens(cur, t)) {
        cur = t;
        continue;
      }
      if (cur instanceof CType.COptional o && BuiltinExpr.widens(o.inner(), t)) {
        cur = CType.optional(t);
        continue;
      }
      if (t instanceof CType.COptional o && BuiltinExpr.widens(cur, o.inner())) {
        cur = t;
        continue;
      }
      return null;
    }
    for (CType t : types) {
      if (!BuiltinExpr.widens(t, cur)) {
        return null;
      }
    }
    return cur;
  }

  static Typed convert(Typed t, CType to) {
    if (t.type().equals(to)) {
      return t;
    }
    if (t.expr() instanceof BuiltinExpr.Literal l) {
      return lit(BuiltinExpr.widen(l.value(), to));
    }
    return new Typed(to, new BuiltinExpr.Convert(t.expr(), to));
  }

  /** Evaluates a literal expression as a value of {@code type}, or reports an error. */
  Optional<CValue> constant(Ast.Expr e, CType type, String what) {
    int before = errors.size();
    Typed t = check(e, true);
    if (t == null || errors.size() > before) {
      return Optional.empty();
    }
    if (!BuiltinExpr.widens(t.type(), type)) {
      error(e.pos(), what + " must be " + type + ", but is " + t.type());
      return Optional.empty();
    }
    try {
      return Optional.of(convert(t, type).expr().evaluate(Map.of()));
    } catch (ConstellationException ex) {
      error(e.pos(), what + ": " + ex.getMessage());
      return Optional.empty();
    }
  }

  // ---- types

  static final Set<String> BASE_TYPES = Set.of("String", "Int", "Float", "Boolean");
  static final Set<String> GENERIC_TYPES = Set.of("List", "Map", "Optional");

  CType resolveType(Ast.TypeExpr t) {
    switch (t) {
      case Ast.TName n -> {
        switch (n.name()) {
          case "String":
            return CType.STRING;
          case "Int":
            return CType.INT;
          case "Float":
            return CType.FLOAT;
          case "Boolean":
            return CType.BOOLEAN;
          default:
            break;
        }
        if (GENERIC_TYPES.contains(n.name())) {
          error(
              n.pos(),
              "'"
                  + n.name()
                  + "' needs type arguments, e.g. "
                  + (n.name().equals("Map") ? "Map<String, Int>" : n.name() + "<String>"));
          return null;
        }
        CType alias = typeAliases.get(n.name());
        if (alias == null) {
          Set<String> known = new TreeSet<>(BASE_TYPES);
          known.addAll(GENERIC_TYPES);
          known.addAll(typeAliases.keySet());
          error(n.pos(), "unknown type '" + n.name() + "'" + Suggest.hint(n.name(), known));
        }
        return alias;
      }
      case Ast.TGeneric g -> {
        int expected =
            switch (g.name()) {
              case "List", "Optional" -> 1;
              case "Map" -> 2;
              default -> -1;
            };
        if (expected < 0) {
          error(
              g.pos(),
              "'" + g.name() + "' takes no type arguments (generic types: List, Map, Optional)");
          return null;
        }
        if (g.args().size() != expected) {
          error(
              g.pos(),
              g.name()
                  + " takes "
                  + expected
                  + " type argument"
                  + (expected > 1 ? "s" : "")
                  + ", not "
                  + g.args().size());
          return null;
        }
        List<CType> args = new ArrayList<>();
        for (Ast.TypeExpr a : g.args()) {
          args.add(resolveType(a));
        }
        if (args.contains(null)) {
          return null;
        }
        return switch (g.name()) {
          case "List" -> CType.list(args.get(0));
          case "Optional" -> CType.optional(args.get(0));
          default -> CType.map(args.get(0), args.get(1));
        };
      }
      case Ast.TRecord r -> {
        Map<String, CType> fields = new LinkedHashMap<>();
        boolean ok = true;
        for (Ast.TField f : r.fields()) {
          CType ft = resolveType(f.type());
          if (fields.containsKey(f.name())) {
            error(f.pos(), "field '" + f.name() + "' is declared twice");
            ok = false;
          }
          if (ft == null) {
            ok = false;
          } else {
            fields.put(f.name(), ft);
          }
        }
        return ok ? CType.product(fields) : null;
      }
      case Ast.TUnion u -> {
        Map<String, CType> variants = new LinkedHashMap<>();
        boolean ok = true;
        for (Ast.TypeExpr m : u.members()) {
          CType mt = resolveType(m);
          if (mt == null) {
            ok = false;
            continue;
          }
          Map<String, CType> add = new LinkedHashMap<>();
          if (mt instanceof CType.CUnion inner) {
            add.putAll(inner.variants());
          } else {
            add.put(m instanceof Ast.TName n ? n.name() : mt.toString(), mt);
          }
          for (Map.Entry<String, CType> v : add.entrySet()) {
            if (variants.containsKey(v.getKey()) || variants.containsValue(v.getValue())) {
              error(m.pos(), "union member '" + v.getKey() + "' appears twice");
              ok = false;
            } else {
              variants.put(v.getKey(), v.getValue());
            }
          }
        }
        return ok ? CType.union(variants) : null;
      }
    }
  }

  // ---- errors

  void error(int pos, String message) {
    errors.add(src.error(pos, message));
  }
}
