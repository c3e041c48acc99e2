package io.constellation.type;

import static io.constellation.type.JsonPaths.error;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.constellation.CodecException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tagged JSON form of types and values: the wire and storage format (DESIGN §3). Every value
 * carries its kind in {@code "tag"} and enough type information to rebuild it exactly, including
 * the element type of an empty list and the inner type of {@code None}:
 *
 * <pre>
 * {"tag":"CString","value":"x"}            {"tag":"CInt","value":42}
 * {"tag":"CFloat","value":1.5}             {"tag":"CBoolean","value":true}
 * {"tag":"CList","value":[..],"subtype":T}
 * {"tag":"CMap","value":[{"key":..,"value":..}],"keysType":K,"valuesType":V}
 * {"tag":"CProduct","value":{..},"structure":{..}}
 * {"tag":"CUnion","value":..,"structure":{..},"unionTag":"t"}
 * {"tag":"CSome","value":..,"innerType":T}  {"tag":"CNone","innerType":T}
 * </pre>
 *
 * Types: {@code {"tag":"CString"}} (also CInt, CFloat, CBoolean), {@code {"tag":"CList",
 * "valuesType":T}}, {@code {"tag":"CMap","keysType":K,"valuesType":V}}, {@code {"tag":"CProduct",
 * "structure":{..}}}, {@code {"tag":"CUnion","structure":{..}}}, {@code {"tag":"COptional",
 * "innerType":T}}.
 *
 * <p>Round trips are lossless: an {@code Int} is written as a JSON integer and read back as a
 * {@code long} (the full 64-bit range); a {@code Float} is written with a decimal point or
 * exponent, so {@code 1.0} stays a Float, and {@code -0.0} keeps its sign. JSON has no NaN or
 * infinities, so those Float values are written as the strings {@code "NaN"}, {@code "Infinity"}
 * and {@code "-Infinity"} and read back as such. Record fields and union variants keep their order;
 * map entries keep their order.
 *
 * <p>Reading is strict: an unknown tag, a missing field, a JSON value of the wrong kind or a value
 * that does not match its declared type is a {@link CodecException} whose message starts with the
 * JSON path of the problem, e.g. {@code $.value[2].structure.qty: missing field "tag"}.
 *
 * <p>Thread-safety: stateless; all methods may be called concurrently.
 */
public final class TaggedJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private TaggedJson() {}

  // ---------------------------------------------------------------- values

  /** The tagged JSON form of {@code value}. */
  public static JsonNode writeValue(CValue value) {
    requireNonNull(value, "value");
    ObjectNode o = NODES.objectNode();
    switch (value) {
      case CValue.CString s -> o.put("tag", "CString").put("value", s.value());
      case CValue.CInt i -> o.put("tag", "CInt").put("value", i.value());
      case CValue.CFloat f -> {
        o.put("tag", "CFloat");
        o.set("value", writeDouble(f.value()));
      }
      case CValue.CBoolean b -> o.put("tag", "CBoolean").put("value", b.value());
      case CValue.CList l -> {
        o.put("tag", "CList");
        ArrayNode arr = o.putArray("value");
        for (CValue v : l.values()) {
          arr.add(writeValue(v));
        }
        o.set("subtype", writeType(l.elemType()));
      }
      case CValue.CMap m -> {
        o.put("tag", "CMap");
        ArrayNode arr = o.putArray("value");
        for (Map.Entry<CValue, CValue> e : m.entries().entrySet()) {
          ObjectNode entry = arr.addObject();
          entry.set("key", writeValue(e.getKey()));
          entry.set("value", writeValue(e.getValue()));
        }
        o.set("keysType", writeType(m.keyType()));
        o.set("valuesType", writeType(m.valueType()));
      }
      case CValue.CProduct p -> {
        o.put("tag", "CProduct");
        ObjectNode fields = o.putObject("value");
        p.fields().forEach((k, v) -> fields.set(k, writeValue(v)));
        o.set("structure", writeStructure(p.structure().fields()));
      }
      case CValue.CUnion u -> {
        o.put("tag", "CUnion");
        o.set("value", writeValue(u.value()));
        o.set("structure", writeStructure(u.structure().variants()));
        o.put("unionTag", u.tag());
      }
      case CValue.CSome s -> {
        o.put("tag", "CSome");
        o.set("value", writeValue(s.value()));
        o.set("innerType", writeType(s.innerType()));
      }
      case CValue.CNone n -> {
        o.put("tag", "CNone");
        o.set("innerType", writeType(n.innerType()));
      }
    }
    return o;
  }

  /**
   * Reads a tagged value.
   *
   * @throws CodecException naming the JSON path ({@code $...}) of the first problem
   */
  public static CValue readValue(JsonNode json) {
    return readValue(json, "$");
  }

  /**
   * Reads a tagged value that sits at {@code path} of a larger document (used in error messages).
   *
   * @throws CodecException naming the JSON path of the first problem
   */
  public static CValue readValue(JsonNode json, String path) {
    requireNonNull(path, "path");
    JsonPaths.object(json, path);
    String tag = tag(json, path);
    String valuePath = JsonPaths.field(path, "value");
    try {
      return switch (tag) {
        case "CString" -> new CValue.CString(JsonPaths.text(value(json, path), valuePath));
        case "CInt" -> {
          JsonNode v = value(json, path);
          if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw error(valuePath, "expected a 64-bit integer but was " + JsonPaths.describe(v));
          }
          yield new CValue.CInt(v.longValue());
        }
        case "CFloat" -> new CValue.CFloat(readDouble(value(json, path), valuePath));
        case "CBoolean" -> {
          JsonNode v = value(json, path);
          if (!v.isBoolean()) {
            throw error(valuePath, "expected true or false but was " + JsonPaths.describe(v));
          }
          yield new CValue.CBoolean(v.booleanValue());
        }
        case "CList" -> {
          JsonNode arr = JsonPaths.array(value(json, path), valuePath);
          CType elem =
              readType(JsonPaths.required(json, "subtype", path), JsonPaths.field(path, "subtype"));
          List<CValue> values = new ArrayList<>(arr.size());
          for (int i = 0; i < arr.size(); i++) {
            String p = JsonPaths.index(valuePath, i);
            values.add(checked(readValue(arr.get(i), p), elem, p));
          }
          yield new CValue.CList(values, elem);
        }
        case "CMap" -> {
          JsonNode arr = JsonPaths.array(value(json, path), valuePath);
          CType k =
              readType(
                  JsonPaths.required(json, "keysType", path), JsonPaths.field(path, "keysType"));
          CType v =
              readType(
                  JsonPaths.required(json, "valuesType", path),
                  JsonPaths.field(path, "valuesType"));
          Map<CValue, CValue> entries = new LinkedHashMap<>();
          for (int i = 0; i < arr.size(); i++) {
            String p = JsonPaths.index(valuePath, i);
            JsonNode entry = JsonPaths.object(arr.get(i), p);
            String kp = JsonPaths.field(p, "key");
            CValue key = checked(readValue(JsonPaths.required(entry, "key", p), kp), k, kp);
            String vp = JsonPaths.field(p, "value");
            CValue val = checked(readValue(JsonPaths.required(entry, "value", p), vp), v, vp);
            if (entries.put(key, val) != null) {
              throw error(kp, "duplicate map key " + key);
            }
          }
          yield new CValue.CMap(entries, k, v);
        }
        case "CProduct" -> {
          JsonNode fieldsJson = JsonPaths.object(value(json, path), valuePath);
          String sp = JsonPaths.field(path, "structure");
          Map<String, CType> structure =
              readStructure(JsonPaths.required(json, "structure", path), sp);
          Map<String, CValue> fields = new LinkedHashMap<>();
          for (Map.Entry<String, CType> f : structure.entrySet()) {
            String fp = JsonPaths.field(valuePath, f.getKey());
            JsonNode fj = fieldsJson.get(f.getKey());
            if (fj == null) {
              throw error(valuePath, "missing field \"" + f.getKey() + "\" declared in structure");
            }
            fields.put(f.getKey(), checked(readValue(fj, fp), f.getValue(), fp));
          }
          for (Map.Entry<String, JsonNode> f : fieldsJson.properties()) {
            if (!structure.containsKey(f.getKey())) {
              throw error(
                  JsonPaths.field(valuePath, f.getKey()), "field is not declared in structure");
            }
          }
          yield new CValue.CProduct(fields, new CType.CProduct(structure));
        }
        case "CUnion" -> {
          String sp = JsonPaths.field(path, "structure");
          Map<String, CType> variants =
              readStructure(JsonPaths.required(json, "structure", path), sp);
          String utp = JsonPaths.field(path, "unionTag");
          String unionTag = JsonPaths.text(JsonPaths.required(json, "unionTag", path), utp);
          CType variant = variants.get(unionTag);
          if (variant == null) {
            throw error(
                utp,
                "union tag " + JsonPaths.quote(unionTag) + " is not one of " + variants.keySet());
          }
          CValue v = checked(readValue(value(json, path), valuePath), variant, valuePath);
          yield new CValue.CUnion(unionTag, v, new CType.CUnion(variants));
        }
        case "CSome" -> {
          String ip = JsonPaths.field(path, "innerType");
          CType inner = readType(JsonPaths.required(json, "innerType", path), ip);
          yield new CValue.CSome(
              checked(readValue(value(json, path), valuePath), inner, valuePath), inner);
        }
        case "CNone" ->
            new CValue.CNone(
                readType(
                    JsonPaths.required(json, "innerType", path),
                    JsonPaths.field(path, "innerType")));
        default ->
            throw error(
                JsonPaths.field(path, "tag"),
                "unknown value tag "
                    + JsonPaths.quote(tag)
                    + " (expected one of CString, CInt, CFloat, CBoolean, CList, CMap, CProduct,"
                    + " CUnion, CSome, CNone)");
      };
    } catch (IllegalArgumentException e) {
      throw new CodecException(path + ": " + e.getMessage(), e);
    }
  }

  /** The compact tagged JSON text of {@code value}. */
  public static String valueToString(CValue value) {
    return toText(writeValue(value));
  }

  /**
   * Parses tagged JSON text.
   *
   * @throws CodecException if the text is not JSON or not a tagged value (with the JSON path)
   */
  public static CValue valueFromString(String json) {
    return readValue(parse(json));
  }

  // ---------------------------------------------------------------- types

  /** The tagged JSON form of {@code type}. */
  public static JsonNode writeType(CType type) {
    requireNonNull(type, "type");
    ObjectNode o = NODES.objectNode();
    switch (type) {
      case CType.CString s -> o.put("tag", "CString");
      case CType.CInt i -> o.put("tag", "CInt");
      case CType.CFloat f -> o.put("tag", "CFloat");
      case CType.CBoolean b -> o.put("tag", "CBoolean");
      case CType.CList l -> {
        o.put("tag", "CList");
        o.set("valuesType", writeType(l.elem()));
      }
      case CType.CMap m -> {
        o.put("tag", "CMap");
        o.set("keysType", writeType(m.key()));
        o.set("valuesType", writeType(m.value()));
      }
      case CType.CProduct p -> {
        o.put("tag", "CProduct");
        o.set("structure", writeStructure(p.fields()));
      }
      case CType.CUnion u -> {
        o.put("tag", "CUnion");
        o.set("structure", writeStructure(u.variants()));
      }
      case CType.COptional opt -> {
        o.put("tag", "COptional");
        o.set("innerType", writeType(opt.inner()));
      }
    }
    return o;
  }

  /**
   * Reads a tagged type.
   *
   * @throws CodecException naming the JSON path of the first problem
   */
  public static CType readType(JsonNode json) {
    return readType(json, "$");
  }

  /**
   * Reads a tagged type that sits at {@code path} of a larger document.
   *
   * @throws CodecException naming the JSON path of the first problem
   */
  public static CType readType(JsonNode json, String path) {
    requireNonNull(path, "path");
    JsonPaths.object(json, path);
    String tag = tag(json, path);
    return switch (tag) {
      case "CString" -> CType.STRING;
      case "CInt" -> CType.INT;
      case "CFloat" -> CType.FLOAT;
      case "CBoolean" -> CType.BOOLEAN;
      case "CList" ->
          new CType.CList(
              readType(
                  JsonPaths.required(json, "valuesType", path),
                  JsonPaths.field(path, "valuesType")));
      case "CMap" ->
          new CType.CMap(
              readType(
                  JsonPaths.required(json, "keysType", path), JsonPaths.field(path, "keysType")),
              readType(
                  JsonPaths.required(json, "valuesType", path),
                  JsonPaths.field(path, "valuesType")));
      case "CProduct" ->
          new CType.CProduct(
              readStructure(
                  JsonPaths.required(json, "structure", path), JsonPaths.field(path, "structure")));
      case "CUnion" ->
          new CType.CUnion(
              readStructure(
                  JsonPaths.required(json, "structure", path), JsonPaths.field(path, "structure")));
      case "COptional" ->
          new CType.COptional(
              readType(
                  JsonPaths.required(json, "innerType", path), JsonPaths.field(path, "innerType")));
      default ->
          throw error(
              JsonPaths.field(path, "tag"),
              "unknown type tag "
                  + JsonPaths.quote(tag)
                  + " (expected one of CString, CInt, CFloat, CBoolean, CList, CMap, CProduct,"
                  + " CUnion, COptional)");
    };
  }

  /** The compact tagged JSON text of {@code type}. */
  public static String typeToString(CType type) {
    return toText(writeType(type));
  }

  /**
   * Parses tagged JSON text of a type.
   *
   * @throws CodecException if the text is not JSON or not a tagged type
   */
  public static CType typeFromString(String json) {
    return readType(parse(json));
  }

  // ---------------------------------------------------------------- helpers

  static JsonNode parse(String json) {
    requireNonNull(json, "json");
    return JsonPaths.parse(json, "document");
  }

  static String toText(JsonNode node) {
    return JsonPaths.write(node);
  }

  static JsonNode writeDouble(double d) {
    if (Double.isNaN(d)) {
      return NODES.textNode("NaN");
    }
    if (Double.isInfinite(d)) {
      return NODES.textNode(d > 0 ? "Infinity" : "-Infinity");
    }
    return NODES.numberNode(d);
  }

  static double readDouble(JsonNode v, String path) {
    if (v.isNumber()) {
      return v.doubleValue();
    }
    if (v.isTextual()) {
      switch (v.textValue()) {
        case "NaN" -> {
          return Double.NaN;
        }
        case "Infinity" -> {
          return Double.POSITIVE_INFINITY;
        }
        case "-Infinity" -> {
          return Double.NEGATIVE_INFINITY;
        }
        default -> {}
      }
    }
    throw error(
        path,
        "expected a number, \"NaN\", \"Infinity\" or \"-Infinity\" but was "
            + JsonPaths.describe(v));
  }

  private static String tag(JsonNode json, String path) {
    return JsonPaths.text(JsonPaths.required(json, "tag", path), JsonPaths.field(path, "tag"));
  }

  private static JsonNode value(JsonNode json, String path) {
    JsonNode v = json.get("value");
    if (v == null) {
      throw error(path, "missing field \"value\"");
    }
    return v;
  }

  private static CValue checked(CValue v, CType expected, String path) {
    if (!Values.conforms(v, expected)) {
      throw error(path, "value has type " + v.type() + " but " + expected + " was declared");
    }
    return v;
  }

  private static ObjectNode writeStructure(Map<String, CType> fields) {
    ObjectNode s = NODES.objectNode();
    fields.forEach((k, t) -> s.set(k, writeType(t)));
    return s;
  }

  private static Map<String, CType> readStructure(JsonNode json, String path) {
    JsonPaths.object(json, path);
    Map<String, CType> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : json.properties()) {
      out.put(e.getKey(), readType(e.getValue(), JsonPaths.field(path, e.getKey())));
    }
    return out;
  }
}
