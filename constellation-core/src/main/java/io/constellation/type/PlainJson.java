package io.constellation.type;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.constellation.InputValidationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plain JSON ↔ values, converted against the expected {@link CType}: what HTTP and CLI users send
 * and receive (DESIGN §3).
 *
 * <table>
 *   <caption>Plain JSON forms</caption>
 *   <tr><th>type</th><th>JSON</th></tr>
 *   <tr><td>String</td><td>a string</td></tr>
 *   <tr><td>Int</td><td>an integer token within the 64-bit range; {@code 1.0}, {@code 1e3} and
 *       {@code "1"} are rejected</td></tr>
 *   <tr><td>Float</td><td>any number (integers accepted); {@code "NaN"}, {@code "Infinity"},
 *       {@code "-Infinity"} for the values JSON cannot express</td></tr>
 *   <tr><td>Boolean</td><td>{@code true} / {@code false}</td></tr>
 *   <tr><td>List</td><td>an array</td></tr>
 *   <tr><td>Map with String keys</td><td>an object (an array of {@code {"key","value"}} is also
 *       accepted)</td></tr>
 *   <tr><td>Map with other keys</td><td>an array of {@code {"key":..,"value":..}}</td></tr>
 *   <tr><td>record</td><td>an object; an absent or {@code null} Optional field is None; unknown
 *       fields are errors</td></tr>
 *   <tr><td>union</td><td>{@code {"tag":"variant","value":..}}</td></tr>
 *   <tr><td>Optional</td><td>{@code null} (or an absent record field) for None, else the inner
 *       value</td></tr>
 * </table>
 *
 * <p>Reading reports every problem at once, each prefixed by its path in the input, e.g. {@code
 * order.items[2].qty: expected Int but was "x"}, as one {@link InputValidationException}.
 *
 * <p>Thread-safety: stateless; all methods may be called concurrently.
 */
public final class PlainJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private PlainJson() {}

  /**
   * Reads {@code json} as a value of {@code type}; error paths start with {@code $}.
   *
   * @throws InputValidationException listing every problem with its path
   */
  public static CValue read(JsonNode json, CType type) {
    return read(json, type, "$");
  }

  /**
   * Reads {@code json} as a value of {@code type}; error paths start with {@code path} (e.g. the
   * input's name).
   *
   * @throws InputValidationException listing every problem with its path
   */
  public static CValue read(JsonNode json, CType type, String path) {
    requireNonNull(type, "type");
    requireNonNull(path, "path");
    List<String> problems = new ArrayList<>();
    CValue v = convert(json, type, path, problems);
    if (!problems.isEmpty()) {
      throw new InputValidationException(problems);
    }
    return v;
  }

  /**
   * Reads the named inputs of a run from a JSON object. Only the inputs present in {@code object}
   * are returned (in {@code expected}'s order); what a missing input means (suspension, or None for
   * an Optional) is decided by the engine. Names not in {@code expected} are problems.
   *
   * @throws InputValidationException listing every bad or unknown input, with paths
   */
  public static Map<String, CValue> readInputs(JsonNode object, Map<String, CType> expected) {
    requireNonNull(expected, "expected");
    List<String> problems = new ArrayList<>();
    Map<String, CValue> out = new LinkedHashMap<>();
    if (object == null || !object.isObject()) {
      problems.add("inputs: expected a JSON object but was " + JsonPaths.describe(object));
      throw new InputValidationException(problems);
    }
    for (Map.Entry<String, JsonNode> e : object.properties()) {
      if (!expected.containsKey(e.getKey())) {
        problems.add(
            JsonPaths.field("", e.getKey())
                + ": unknown input (expected one of "
                + expected.keySet()
                + ")");
      }
    }
    for (Map.Entry<String, CType> e : expected.entrySet()) {
      JsonNode j = object.get(e.getKey());
      if (j != null) {
        CValue v = convert(j, e.getValue(), JsonPaths.field("", e.getKey()), problems);
        if (v != null) {
          out.put(e.getKey(), v);
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new InputValidationException(problems);
    }
    return out;
  }

  /** The plain JSON form of {@code value}. */
  public static JsonNode write(CValue value) {
    requireNonNull(value, "value");
    return switch (value) {
      case CValue.CString s -> NODES.textNode(s.value());
      case CValue.CInt i -> NODES.numberNode(i.value());
      case CValue.CFloat f -> TaggedJson.writeDouble(f.value());
      case CValue.CBoolean b -> NODES.booleanNode(b.value());
      case CValue.CList l -> {
        ArrayNode arr = NODES.arrayNode(l.values().size());
        l.values().forEach(v -> arr.add(write(v)));
        yield arr;
      }
      case CValue.CMap m -> {
        if (m.keyType() instanceof CType.CString) {
          ObjectNode o = NODES.objectNode();
          m.entries().forEach((k, v) -> o.set(((CValue.CString) k).value(), write(v)));
          yield o;
        }
        ArrayNode arr = NODES.arrayNode(m.entries().size());
        m.entries()
            .forEach(
                (k, v) -> {
                  ObjectNode entry = arr.addObject();
                  entry.set("key", write(k));
                  entry.set("value", write(v));
                });
        yield arr;
      }
      case CValue.CProduct p -> {
        ObjectNode o = NODES.objectNode();
        p.fields().forEach((k, v) -> o.set(k, write(v)));
        yield o;
      }
      case CValue.CUnion u -> {
        ObjectNode o = NODES.objectNode();
        o.put("tag", u.tag());
        o.set("value", write(u.value()));
        yield o;
      }
      case CValue.CSome s -> write(s.value());
      case CValue.CNone n -> NODES.nullNode();
    };
  }

  /** A JSON object with the plain form of each value, in the map's order. */
  public static JsonNode writeAll(Map<String, CValue> values) {
    requireNonNull(values, "values");
    ObjectNode o = NODES.objectNode();
    values.forEach((k, v) -> o.set(k, write(v)));
    return o;
  }

  /**
   * Converts; on a problem, adds it to {@code problems} and returns null (callers keep going so
   * that every problem is reported).
   */
  private static CValue convert(JsonNode j, CType type, String path, List<String> problems) {
    if (j == null || j.isMissingNode()) {
      if (type instanceof CType.COptional o) {
        return new CValue.CNone(o.inner());
      }
      problems.add(path + ": missing, expected " + type);
      return null;
    }
    switch (type) {
      case CType.CString s -> {
        if (j.isTextual()) {
          return new CValue.CString(j.textValue());
        }
      }
      case CType.CInt i -> {
        if (j.isIntegralNumber()) {
          if (j.canConvertToLong()) {
            return new CValue.CInt(j.longValue());
          }
          problems.add(path + ": " + j.asText() + " is outside the Int (64-bit) range");
          return null;
        }
      }
      case CType.CFloat f -> {
        if (j.isNumber()) {
          return new CValue.CFloat(j.doubleValue());
        }
        if (j.isTextual()) {
          switch (j.textValue()) {
            case "NaN" -> {
              return new CValue.CFloat(Double.NaN);
            }
            case "Infinity" -> {
              return new CValue.CFloat(Double.POSITIVE_INFINITY);
            }
            case "-Infinity" -> {
              return new CValue.CFloat(Double.NEGATIVE_INFINITY);
            }
            default -> {}
          }
        }
      }
      case CType.CBoolean b -> {
        if (j.isBoolean()) {
          return new CValue.CBoolean(j.booleanValue());
        }
      }
      case CType.CList l -> {
        if (j.isArray()) {
          List<CValue> values = new ArrayList<>(j.size());
          boolean ok = true;
          for (int idx = 0; idx < j.size(); idx++) {
            CValue v = convert(j.get(idx), l.elem(), JsonPaths.index(path, idx), problems);
            ok &= v != null;
            values.add(v);
          }
          return ok ? new CValue.CList(values, l.elem()) : null;
        }
      }
      case CType.CMap m -> {
        if (j.isObject() && m.key() instanceof CType.CString) {
          Map<CValue, CValue> entries = new LinkedHashMap<>();
          boolean ok = true;
          for (Map.Entry<String, JsonNode> e : j.properties()) {
            CValue v =
                convert(e.getValue(), m.value(), JsonPaths.field(path, e.getKey()), problems);
            ok &= v != null;
            entries.put(new CValue.CString(e.getKey()), v);
          }
          return ok ? new CValue.CMap(entries, m.key(), m.value()) : null;
        }
        if (j.isArray()) {
          return convertEntries(j, m, path, problems);
        }
        if (!(m.key() instanceof CType.CString)) {
          problems.add(
              path
                  + ": expected "
                  + type
                  + " as an array of {\"key\":..,\"value\":..} but was "
                  + JsonPaths.describe(j));
          return null;
        }
      }
      case CType.CProduct p -> {
        if (j.isObject()) {
          return convertRecord(j, p, path, problems);
        }
      }
      case CType.CUnion u -> {
        if (j.isObject()) {
          return convertUnion(j, u, path, problems);
        }
        problems.add(
            path
                + ": expected "
                + type
                + " as {\"tag\":..,\"value\":..} but was "
                + JsonPaths.describe(j));
        return null;
      }
      case CType.COptional o -> {
        if (j.isNull()) {
          return new CValue.CNone(o.inner());
        }
        CValue v = convert(j, o.inner(), path, problems);
        return v == null ? null : new CValue.CSome(v, o.inner());
      }
    }
    problems.add(path + ": expected " + type + " but was " + JsonPaths.describe(j));
    return null;
  }

  private static CValue convertEntries(
      JsonNode arr, CType.CMap m, String path, List<String> problems) {
    Map<CValue, CValue> entries = new LinkedHashMap<>();
    boolean ok = true;
    for (int idx = 0; idx < arr.size(); idx++) {
      String p = JsonPaths.index(path, idx);
      JsonNode e = arr.get(idx);
      if (!e.isObject() || !e.has("key") || !e.has("value")) {
        problems.add(
            p
                + ": expected a map entry {\"key\":..,\"value\":..} but was "
                + JsonPaths.describe(e));
        ok = false;
        continue;
      }
      CValue k = convert(e.get("key"), m.key(), JsonPaths.field(p, "key"), problems);
      CValue v = convert(e.get("value"), m.value(), JsonPaths.field(p, "value"), problems);
      if (k == null || v == null) {
        ok = false;
        continue;
      }
      if (entries.put(k, v) != null) {
        problems.add(JsonPaths.field(p, "key") + ": duplicate map key " + k);
        ok = false;
      }
    }
    return ok ? new CValue.CMap(entries, m.key(), m.value()) : null;
  }

  private static CValue convertRecord(
      JsonNode j, CType.CProduct p, String path, List<String> problems) {
    Map<String, CValue> fields = new LinkedHashMap<>();
    boolean ok = true;
    for (Map.Entry<String, CType> f : p.fields().entrySet()) {
      CValue v =
          convert(j.get(f.getKey()), f.getValue(), JsonPaths.field(path, f.getKey()), problems);
      ok &= v != null;
      fields.put(f.getKey(), v);
    }
    for (Map.Entry<String, JsonNode> e : j.properties()) {
      if (!p.fields().containsKey(e.getKey())) {
        problems.add(
            JsonPaths.field(path, e.getKey())
                + ": unknown field (expected fields: "
                + p.fields().keySet()
                + ")");
        ok = false;
      }
    }
    return ok ? new CValue.CProduct(fields, p) : null;
  }

  private static CValue convertUnion(
      JsonNode j, CType.CUnion u, String path, List<String> problems) {
    JsonNode tag = j.get("tag");
    if (tag == null || !tag.isTextual()) {
      problems.add(
          JsonPaths.field(path, "tag")
              + ": expected the variant name (one of "
              + u.variants().keySet()
              + ") but was "
              + JsonPaths.describe(tag));
      return null;
    }
    CType variant = u.variants().get(tag.textValue());
    if (variant == null) {
      problems.add(
          JsonPaths.field(path, "tag")
              + ": unknown variant "
              + JsonPaths.describe(tag)
              + " (expected one of "
              + u.variants().keySet()
              + ")");
      return null;
    }
    for (Map.Entry<String, JsonNode> e : j.properties()) {
      if (!e.getKey().equals("tag") && !e.getKey().equals("value")) {
        problems.add(
            JsonPaths.field(path, e.getKey()) + ": unknown field (a union has tag and value)");
        return null;
      }
    }
    CValue v = convert(j.get("value"), variant, JsonPaths.field(path, "value"), problems);
    return v == null ? null : new CValue.CUnion(tag.textValue(), v, u);
  }
}
