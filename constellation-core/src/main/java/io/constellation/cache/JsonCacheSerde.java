package io.constellation.cache;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.constellation.CodecException;
import io.constellation.type.CValue;
import io.constellation.type.JsonPaths;
import io.constellation.type.TaggedJson;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link CacheSerde#json()}: {@code {"v":1,"value":X}} where X is tagged by {@code "t"}: {@code
 * {"t":"cvalues","v":{name: taggedCValue}}} for {@code Map<String,CValue>}, {@code
 * {"t":"cvalue","v":tagged}}, {@code {"t":"string"|"long"|"int"|"double"|"bool","v":..}}, {@code
 * {"t":"list","v":[X..]}}, {@code {"t":"map","v":[{"k":X,"v":X}..]}}. Doubles that JSON cannot hold
 * (NaN, infinities) are written as strings.
 *
 * <p>Thread-safety: stateless and thread-safe.
 */
final class JsonCacheSerde implements CacheSerde {
  static final JsonCacheSerde INSTANCE = new JsonCacheSerde();
  static final int FORMAT_VERSION = 1;
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JsonCacheSerde() {}

  @Override
  public byte[] encode(Object value) {
    requireNonNull(value, "value");
    ObjectNode root = NODES.objectNode();
    root.put("v", FORMAT_VERSION);
    root.set("value", write(value, "value"));
    return JsonPaths.writeBytes(root);
  }

  @Override
  public Object decode(byte[] bytes) {
    requireNonNull(bytes, "bytes");
    JsonNode root = JsonPaths.parse(bytes, "cache entry");
    if (root == null || !root.isObject()) {
      throw new CodecException(
          "$: cache entry is not a JSON object but " + JsonPaths.describe(root));
    }
    JsonNode v = root.get("v");
    if (v == null) {
      throw new CodecException("$: missing field \"v\" (cache format version)");
    }
    if (!v.isIntegralNumber() || v.asInt() != FORMAT_VERSION) {
      throw new CodecException(
          "$.v: unsupported cache format version "
              + JsonPaths.describe(v)
              + " (this build reads version "
              + FORMAT_VERSION
              + ")");
    }
    return read(JsonPaths.required(root, "value", "$"), "$.value");
  }

  private static JsonNode write(Object value, String path) {
    ObjectNode o = NODES.objectNode();
    switch (value) {
      case null -> throw new IllegalArgumentException(path + ": null cannot be cached");
      case CValue cv -> {
        o.put("t", "cvalue");
        o.set("v", TaggedJson.writeValue(cv));
      }
      case String s -> o.put("t", "string").put("v", s);
      case Long l -> o.put("t", "long").put("v", l);
      case Integer i -> o.put("t", "int").put("v", i);
      case Double d -> {
        o.put("t", "double");
        if (Double.isNaN(d) || Double.isInfinite(d)) {
          o.put("v", d.toString());
        } else {
          o.put("v", d);
        }
      }
      case Boolean b -> o.put("t", "bool").put("v", b);
      case List<?> list -> {
        o.put("t", "list");
        ArrayNode arr = o.putArray("v");
        for (int i = 0; i < list.size(); i++) {
          arr.add(write(list.get(i), path + "[" + i + "]"));
        }
      }
      case Map<?, ?> map when isInputsMap(map) -> {
        o.put("t", "cvalues");
        ObjectNode fields = o.putObject("v");
        map.forEach((k, v) -> fields.set((String) k, TaggedJson.writeValue((CValue) v)));
      }
      case Map<?, ?> map -> {
        o.put("t", "map");
        ArrayNode arr = o.putArray("v");
        for (Map.Entry<?, ?> e : map.entrySet()) {
          ObjectNode entry = arr.addObject();
          entry.set("k", write(e.getKey(), path + " key"));
          entry.set("v", write(e.getValue(), path + "[" + e.getKey() + "]"));
        }
      }
      default ->
          throw new IllegalArgumentException(
              path
                  + ": cannot cache a "
                  + value.getClass().getName()
                  + " (supported: Map<String,CValue>, CValue, String, Long, Integer, Double,"
                  + " Boolean, List and Map of those)");
    }
    return o;
  }

  private static boolean isInputsMap(Map<?, ?> map) {
    if (map.isEmpty()) {
      return false;
    }
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!(e.getKey() instanceof String) || !(e.getValue() instanceof CValue)) {
        return false;
      }
    }
    return true;
  }

  private static Object read(JsonNode node, String path) {
    JsonPaths.object(node, path);
    String t = JsonPaths.text(JsonPaths.required(node, "t", path), JsonPaths.field(path, "t"));
    String vp = JsonPaths.field(path, "v");
    JsonNode v = JsonPaths.required(node, "v", path);
    return switch (t) {
      case "cvalue" -> TaggedJson.readValue(v, vp);
      case "cvalues" -> {
        JsonPaths.object(v, vp);
        Map<String, CValue> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : v.properties()) {
          out.put(e.getKey(), TaggedJson.readValue(e.getValue(), JsonPaths.field(vp, e.getKey())));
        }
        yield Collections.unmodifiableMap(out);
      }
      case "string" -> JsonPaths.text(v, vp);
      case "long" -> JsonPaths.integral(v, vp);
      case "int" -> JsonPaths.integer(v, vp);
      case "double" -> {
        if (v.isNumber()) {
          yield v.doubleValue();
        }
        String s = JsonPaths.text(v, vp);
        yield switch (s) {
          case "NaN" -> Double.NaN;
          case "Infinity" -> Double.POSITIVE_INFINITY;
          case "-Infinity" -> Double.NEGATIVE_INFINITY;
          default ->
              throw JsonPaths.error(vp, "expected a number but was " + JsonPaths.describe(v));
        };
      }
      case "bool" -> {
        if (!v.isBoolean()) {
          throw JsonPaths.error(vp, "expected true or false but was " + JsonPaths.describe(v));
        }
        yield v.booleanValue();
      }
      case "list" -> {
        JsonPaths.array(v, vp);
        List<Object> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
          out.add(read(v.get(i), JsonPaths.index(vp, i)));
        }
        yield Collections.unmodifiableList(out);
      }
      case "map" -> {
        JsonPaths.array(v, vp);
        Map<Object, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < v.size(); i++) {
          String ep = JsonPaths.index(vp, i);
          JsonNode e = JsonPaths.object(v.get(i), ep);
          out.put(
              read(JsonPaths.required(e, "k", ep), JsonPaths.field(ep, "k")),
              read(JsonPaths.required(e, "v", ep), JsonPaths.field(ep, "v")));
        }
        yield Collections.unmodifiableMap(out);
      }
      default ->
          throw JsonPaths.error(
              JsonPaths.field(path, "t"), "unknown kind " + JsonPaths.describe(node.get("t")));
    };
  }
}
