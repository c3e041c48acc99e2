package io.constellation.pipeline.expr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.constellation.CodecException;
import io.constellation.type.CType;
import io.constellation.type.CValue;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tagged JSON form of types and values (DESIGN §3) used inside expression JSON. Errors name
 * the JSON path. Stateless.
 */
final class TaggedJson {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private TaggedJson() {}

  static ObjectNode type(CType t) {
    ObjectNode n = F.objectNode();
    switch (t) {
      case CType.CString s -> n.put("tag", "CString");
      case CType.CInt i -> n.put("tag", "CInt");
      case CType.CFloat f -> n.put("tag", "CFloat");
      case CType.CBoolean b -> n.put("tag", "CBoolean");
      case CType.CList l -> {
        n.put("tag", "CList");
        n.set("valuesType", type(l.elem()));
      }
      case CType.CMap m -> {
        n.put("tag", "CMap");
        n.set("keysType", type(m.key()));
        n.set("valuesType", type(m.value()));
      }
      case CType.COptional o -> {
        n.put("tag", "COptional");
        n.set("innerType", type(o.inner()));
      }
      case CType.CProduct p -> {
        n.put("tag", "CProduct");
        n.set("structure", structure(p.fields()));
      }
      case CType.CUnion u -> {
        n.put("tag", "CUnion");
        n.set("structure", structure(u.variants()));
      }
    }
    return n;
  }

  private static ObjectNode structure(Map<String, CType> fields) {
    ObjectNode s = F.objectNode();
    fields.forEach((k, v) -> s.set(k, type(v)));
    return s;
  }

  static CType type(JsonNode n, String path) {
    String tag = tag(n, path);
    return switch (tag) {
      case "CString" -> CType.STRING;
      case "CInt" -> CType.INT;
      case "CFloat" -> CType.FLOAT;
      case "CBoolean" -> CType.BOOLEAN;
      case "CList" -> CType.list(type(field(n, "valuesType", path), path + ".valuesType"));
      case "CMap" ->
          CType.map(
              type(field(n, "keysType", path), path + ".keysType"),
              type(field(n, "valuesType", path), path + ".valuesType"));
      case "COptional" -> CType.optional(type(field(n, "innerType", path), path + ".innerType"));
      case "CProduct" -> CType.product(structure(field(n, "structure", path), path + ".structure"));
      case "CUnion" -> CType.union(structure(field(n, "structure", path), path + ".structure"));
      default -> throw new CodecException(path + ".tag: unknown type tag '" + tag + "'");
    };
  }

  private static Map<String, CType> structure(JsonNode n, String path) {
    if (!n.isObject()) {
      throw new CodecException(path + ": expected an object");
    }
    Map<String, CType> out = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = n.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      out.put(e.getKey(), type(e.getValue(), path + "." + e.getKey()));
    }
    return out;
  }

  static ObjectNode value(CValue v) {
    ObjectNode n = F.objectNode();
    switch (v) {
      case CValue.CString s -> n.put("tag", "CString").put("value", s.value());
      case CValue.CInt i -> n.put("tag", "CInt").put("value", i.value());
      case CValue.CFloat f -> {
        n.put("tag", "CFloat");
        if (Double.isFinite(f.value())) {
          n.put("value", f.value());
        } else {
          n.put("value", Double.toString(f.value()));
        }
      }
      case CValue.CBoolean b -> n.put("tag", "CBoolean").put("value", b.value());
      case CValue.CList l -> {
        n.put("tag", "CList");
        ArrayNode a = n.putArray("value");
        l.values().forEach(x -> a.add(value(x)));
        n.set("subtype", type(l.elemType()));
      }
      case CValue.CMap m -> {
        n.put("tag", "CMap");
        ArrayNode a = n.putArray("value");
        m.entries()
            .forEach(
                (k, x) -> {
                  ObjectNode e = a.addObject();
                  e.set("key", value(k));
                  e.set("value", value(x));
                });
        n.set("keysType", type(m.keyType()));
        n.set("valuesType", type(m.valueType()));
      }
      case CValue.CProduct p -> {
        n.put("tag", "CProduct");
        ObjectNode o = n.putObject("value");
        p.fields().forEach((k, x) -> o.set(k, value(x)));
        n.set("structure", structure(p.structure().fields()));
      }
      case CValue.CUnion u -> {
        n.put("tag", "CUnion");
        n.set("value", value(u.value()));
        n.set("structure", structure(u.structure().variants()));
        n.put("unionTag", u.tag());
      }
      case CValue.CSome s -> {
        n.put("tag", "CSome");
        n.set("value", value(s.value()));
        n.set("innerType", type(s.innerType()));
      }
      case CValue.CNone none -> {
        n.put("tag", "CNone");
        n.set("innerType", type(none.innerType()));
      }
    }
    return n;
  }

  static CValue value(JsonNode n, String path) {
    String tag = tag(n, path);
    try {
      return switch (tag) {
        case "CString" -> {
          JsonNode v = field(n, "value", path);
          if (!v.isTextual()) {
            throw new CodecException(path + ".value: expected a string");
          }
          yield CValue.of(v.textValue());
        }
        case "CInt" -> {
          JsonNode v = field(n, "value", path);
          if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new CodecException(path + ".value: expected a 64-bit integer");
          }
          yield CValue.of(v.longValue());
        }
        case "CFloat" -> {
          JsonNode v = field(n, "value", path);
          if (v.isNumber()) {
            yield CValue.of(v.doubleValue());
          }
          if (v.isTextual()) {
            try {
              yield CValue.of(Double.parseDouble(v.textValue()));
            } catch (NumberFormatException e) {
              throw new CodecException(path + ".value: expected a number");
            }
          }
          throw new CodecException(path + ".value: expected a number");
        }
        case "CBoolean" -> {
          JsonNode v = field(n, "value", path);
          if (!v.isBoolean()) {
            throw new CodecException(path + ".value: expected true or false");
          }
          yield CValue.of(v.booleanValue());
        }
        case "CList" -> {
          CType elem = type(field(n, "subtype", path), path + ".subtype");
          JsonNode arr = field(n, "value", path);
          if (!arr.isArray()) {
            throw new CodecException(path + ".value: expected an array");
          }
          List<CValue> out = new ArrayList<>();
          for (int i = 0; i < arr.size(); i++) {
            out.add(value(arr.get(i), path + ".value[" + i + "]"));
          }
          yield new CValue.CList(out, elem);
        }
        case "CMap" -> {
          CType k = type(field(n, "keysType", path), path + ".keysType");
          CType vt = type(field(n, "valuesType", path), path + ".valuesType");
          JsonNode arr = field(n, "value", path);
          if (!arr.isArray()) {
            throw new CodecException(path + ".value: expected an array");
          }
          Map<CValue, CValue> out = new LinkedHashMap<>();
          for (int i = 0; i < arr.size(); i++) {
            String p = path + ".value[" + i + "]";
            out.put(
                value(field(arr.get(i), "key", p), p + ".key"),
                value(field(arr.get(i), "value", p), p + ".value"));
          }
          yield new CValue.CMap(out, k, vt);
        }
        case "CProduct" -> {
          CType.CProduct s =
              CType.product(structure(field(n, "structure", path), path + ".structure"));
          JsonNode obj = field(n, "value", path);
          if (!obj.isObject()) {
            throw new CodecException(path + ".value: expected an object");
          }
          Map<String, CValue> out = new LinkedHashMap<>();
          Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
          while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), value(e.getValue(), path + ".value." + e.getKey()));
          }
          yield new CValue.CProduct(out, s);
        }
        case "CUnion" -> {
          CType.CUnion s = CType.union(structure(field(n, "structure", path), path + ".structure"));
          JsonNode t = field(n, "unionTag", path);
          yield new CValue.CUnion(
              t.asText(), value(field(n, "value", path), path + ".value"), s);
        }
        case "CSome" ->
            new CValue.CSome(
                value(field(n, "value", path), path + ".value"),
                type(field(n, "innerType", path), path + ".innerType"));
        case "CNone" -> new CValue.CNone(type(field(n, "innerType", path), path + ".innerType"));
        default -> throw new CodecException(path + ".tag: unknown value tag '" + tag + "'");
      };
    } catch (IllegalArgumentException e) {
      throw new CodecException(path + ": " + e.getMessage(), e);
    }
  }

  static String tag(JsonNode n, String path) {
    JsonNode t = field(n, "tag", path);
    if (!t.isTextual()) {
      throw new CodecException(path + ".tag: expected a string");
    }
    return t.textValue();
  }

  static JsonNode field(JsonNode n, String name, String path) {
    if (n == null || !n.isObject()) {
      throw new CodecException(path + ": expected an object");
    }
    JsonNode v = n.get(name);
    if (v == null || v.isNull()) {
      throw new CodecException(path + "." + name + ": missing");
    }
    return v;
  }
}
