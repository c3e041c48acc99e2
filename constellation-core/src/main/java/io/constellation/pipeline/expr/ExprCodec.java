package io.constellation.pipeline.expr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.constellation.CodecException;
import io.constellation.pipeline.expr.BuiltinExpr.And;
import io.constellation.pipeline.expr.BuiltinExpr.Arith;
import io.constellation.pipeline.expr.BuiltinExpr.ArithOp;
import io.constellation.pipeline.expr.BuiltinExpr.Branch;
import io.constellation.pipeline.expr.BuiltinExpr.Case;
import io.constellation.pipeline.expr.BuiltinExpr.Coalesce;
import io.constellation.pipeline.expr.BuiltinExpr.Compare;
import io.constellation.pipeline.expr.BuiltinExpr.CompareOp;
import io.constellation.pipeline.expr.BuiltinExpr.Convert;
import io.constellation.pipeline.expr.BuiltinExpr.Field;
import io.constellation.pipeline.expr.BuiltinExpr.If;
import io.constellation.pipeline.expr.BuiltinExpr.Interpolate;
import io.constellation.pipeline.expr.BuiltinExpr.ListOf;
import io.constellation.pipeline.expr.BuiltinExpr.Literal;
import io.constellation.pipeline.expr.BuiltinExpr.Merge;
import io.constellation.pipeline.expr.BuiltinExpr.Negate;
import io.constellation.pipeline.expr.BuiltinExpr.Not;
import io.constellation.pipeline.expr.BuiltinExpr.Or;
import io.constellation.pipeline.expr.BuiltinExpr.Project;
import io.constellation.pipeline.expr.BuiltinExpr.RecordOf;
import io.constellation.pipeline.expr.BuiltinExpr.Var;
import io.constellation.pipeline.expr.BuiltinExpr.When;
import io.constellation.type.CType;
import io.constellation.type.CValue;
import io.constellation.type.TaggedJson;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON form of {@link Expr} trees, used when pipeline images are stored. Every built-in expression
 * kind ({@link BuiltinExpr}) has a {@code "kind"} field; types and literal values use the tagged
 * JSON of DESIGN §3. Unknown kinds, missing fields and ill-typed trees are a {@link CodecException}
 * naming the JSON path.
 *
 * <p>Thread-safety: stateless.
 */
public final class ExprCodec {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private ExprCodec() {}

  /**
   * The JSON form of {@code expr}.
   *
   * @throws CodecException when {@code expr} is not a {@link BuiltinExpr}
   */
  public static JsonNode toJson(Expr expr) {
    if (!(expr instanceof BuiltinExpr b)) {
      throw new CodecException(
          "expression kind " + expr.getClass().getName() + " has no JSON form");
    }
    ObjectNode n = F.objectNode();
    switch (b) {
      case Literal l -> {
        n.put("kind", "literal");
        n.set("value", TaggedJson.writeValue(l.value()));
      }
      case Var v -> {
        n.put("kind", "var");
        n.put("name", v.name());
        n.set("type", TaggedJson.writeType(v.type()));
      }
      case Field f -> {
        n.put("kind", "field");
        n.set("target", toJson(f.target()));
        n.put("field", f.field());
      }
      case Project p -> {
        n.put("kind", "project");
        n.set("target", toJson(p.target()));
        ArrayNode a = n.putArray("fields");
        p.fields().forEach(a::add);
      }
      case Merge m -> binary(n, "merge", m.left(), m.right());
      case Arith a -> {
        binary(n, "arith", a.left(), a.right());
        n.put("op", a.op().name());
      }
      case Negate g -> {
        n.put("kind", "negate");
        n.set("operand", toJson(g.operand()));
      }
      case Compare c -> {
        binary(n, "compare", c.left(), c.right());
        n.put("op", c.op().name());
      }
      case And a -> binary(n, "and", a.left(), a.right());
      case Or o -> binary(n, "or", o.left(), o.right());
      case Not x -> {
        n.put("kind", "not");
        n.set("operand", toJson(x.operand()));
      }
      case If i -> {
        n.put("kind", "if");
        n.set("condition", toJson(i.condition()));
        n.set("then", toJson(i.then()));
        n.set("otherwise", toJson(i.otherwise()));
      }
      case Branch br -> {
        n.put("kind", "branch");
        ArrayNode cases = n.putArray("cases");
        for (Case c : br.cases()) {
          ObjectNode cn = cases.addObject();
          cn.set("condition", toJson(c.condition()));
          cn.set("value", toJson(c.value()));
        }
        n.set("otherwise", toJson(br.otherwise()));
      }
      case When w -> {
        n.put("kind", "when");
        n.set("value", toJson(w.value()));
        n.set("condition", toJson(w.condition()));
      }
      case Coalesce c -> binary(n, "coalesce", c.left(), c.right());
      case Interpolate s -> {
        n.put("kind", "interpolate");
        ArrayNode parts = n.putArray("parts");
        s.parts().forEach(p -> parts.add(toJson(p)));
      }
      case ListOf l -> {
        n.put("kind", "list");
        n.set("elemType", TaggedJson.writeType(l.elemType()));
        ArrayNode a = n.putArray("elements");
        l.elements().forEach(e -> a.add(toJson(e)));
      }
      case RecordOf r -> {
        n.put("kind", "record");
        ObjectNode fields = n.putObject("fields");
        r.fields().forEach((k, v) -> fields.set(k, toJson(v)));
      }
      case Convert c -> {
        n.put("kind", "convert");
        n.set("operand", toJson(c.operand()));
        n.set("type", TaggedJson.writeType(c.type()));
      }
    }
    return n;
  }

  private static void binary(ObjectNode n, String kind, Expr left, Expr right) {
    n.put("kind", kind);
    n.set("left", toJson(left));
    n.set("right", toJson(right));
  }

  /**
   * Reads an expression; {@code path} names where it sits in the document (for errors).
   *
   * @throws CodecException naming the path of the first problem
   */
  public static Expr fromJson(JsonNode node, String path) {
    String kind = text(node, "kind", path);
    try {
      return switch (kind) {
        case "literal" ->
            new Literal(TaggedJson.readValue(get(node, "value", path), path + ".value"));
        case "var" ->
            new Var(
                text(node, "name", path),
                TaggedJson.readType(get(node, "type", path), path + ".type"));
        case "field" -> new Field(sub(node, "target", path), text(node, "field", path));
        case "project" -> {
          JsonNode a = array(node, "fields", path);
          List<String> fields = new ArrayList<>();
          for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).isTextual()) {
              throw new CodecException(path + ".fields[" + i + "]: expected a string");
            }
            fields.add(a.get(i).textValue());
          }
          yield new Project(sub(node, "target", path), fields);
        }
        case "merge" -> new Merge(sub(node, "left", path), sub(node, "right", path));
        case "arith" ->
            new Arith(
                enumOf(ArithOp.class, node, path),
                sub(node, "left", path),
                sub(node, "right", path));
        case "negate" -> new Negate(sub(node, "operand", path));
        case "compare" ->
            new Compare(
                enumOf(CompareOp.class, node, path),
                sub(node, "left", path),
                sub(node, "right", path));
        case "and" -> new And(sub(node, "left", path), sub(node, "right", path));
        case "or" -> new Or(sub(node, "left", path), sub(node, "right", path));
        case "not" -> new Not(sub(node, "operand", path));
        case "if" ->
            new If(
                sub(node, "condition", path),
                sub(node, "then", path),
                sub(node, "otherwise", path));
        case "branch" -> {
          JsonNode a = array(node, "cases", path);
          List<Case> cases = new ArrayList<>();
          for (int i = 0; i < a.size(); i++) {
            String p = path + ".cases[" + i + "]";
            cases.add(new Case(sub(a.get(i), "condition", p), sub(a.get(i), "value", p)));
          }
          yield new Branch(cases, sub(node, "otherwise", path));
        }
        case "when" -> new When(sub(node, "value", path), sub(node, "condition", path));
        case "coalesce" -> new Coalesce(sub(node, "left", path), sub(node, "right", path));
        case "interpolate" -> new Interpolate(list(node, "parts", path));
        case "list" ->
            new ListOf(
                list(node, "elements", path),
                TaggedJson.readType(get(node, "elemType", path), path + ".elemType"));
        case "record" -> {
          JsonNode obj = get(node, "fields", path);
          if (!obj.isObject()) {
            throw new CodecException(path + ".fields: expected an object");
          }
          Map<String, Expr> fields = new LinkedHashMap<>();
          Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
          while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            fields.put(e.getKey(), fromJson(e.getValue(), path + ".fields." + e.getKey()));
          }
          yield new RecordOf(fields);
        }
        case "convert" ->
            new Convert(
                sub(node, "operand", path),
                TaggedJson.readType(get(node, "type", path), path + ".type"));
        default -> throw new CodecException(path + ".kind: unknown expression kind '" + kind + "'");
      };
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new CodecException(path + ": invalid " + kind + " expression: " + e.getMessage(), e);
    }
  }

  /** A literal expression holding {@code value} (convenience for builders and tests). */
  public static Expr literal(CValue value) {
    return new Literal(value);
  }

  /** A variable expression (convenience for builders and tests). */
  public static Expr var(String name, CType type) {
    return new Var(name, type);
  }

  private static Expr sub(JsonNode node, String name, String path) {
    return fromJson(get(node, name, path), path + "." + name);
  }

  private static List<Expr> list(JsonNode node, String name, String path) {
    JsonNode a = array(node, name, path);
    List<Expr> out = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      out.add(fromJson(a.get(i), path + "." + name + "[" + i + "]"));
    }
    return out;
  }

  private static JsonNode array(JsonNode node, String name, String path) {
    JsonNode a = get(node, name, path);
    if (!a.isArray()) {
      throw new CodecException(path + "." + name + ": expected an array");
    }
    return a;
  }

  private static <E extends Enum<E>> E enumOf(Class<E> type, JsonNode node, String path) {
    String op = text(node, "op", path);
    try {
      return Enum.valueOf(type, op);
    } catch (IllegalArgumentException e) {
      throw new CodecException(path + ".op: unknown operator '" + op + "'");
    }
  }

  private static String text(JsonNode node, String name, String path) {
    JsonNode v = get(node, name, path);
    if (!v.isTextual()) {
      throw new CodecException(path + "." + name + ": expected a string");
    }
    return v.textValue();
  }

  private static JsonNode get(JsonNode node, String name, String path) {
    if (node == null || !node.isObject()) {
      throw new CodecException(path + ": expected an object");
    }
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      throw new CodecException(path + "." + name + ": missing");
    }
    return v;
  }
}
