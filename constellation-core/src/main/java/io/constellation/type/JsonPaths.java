package io.constellation.type;

import com.fasterxml.jackson.databind.JsonNode;
import io.constellation.CodecException;
import java.util.regex.Pattern;

/**
 * Helpers shared by the JSON codecs: JSON paths for error messages ({@code $.value[2].qty}) and
 * short descriptions of JSON nodes ({@code "x"}, {@code an object}).
 *
 * <p>Thread-safety: stateless.
 */
public final class JsonPaths {
  private static final Pattern SIMPLE = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$-]*");
  private static final int MAX_SHOWN = 40;

  private JsonPaths() {}

  /** The path of field {@code name} below {@code parent}: {@code a.b} or {@code a["x y"]}. */
  public static String field(String parent, String name) {
    if (SIMPLE.matcher(name).matches()) {
      return parent.isEmpty() ? name : parent + "." + name;
    }
    return parent + "[" + quote(name) + "]";
  }

  /** The path of element {@code index} below {@code parent}: {@code a[3]}. */
  public static String index(String parent, int index) {
    return parent + "[" + index + "]";
  }

  /** A short, human-readable description of a JSON node for error messages. */
  public static String describe(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "missing";
    }
    if (node.isNull()) {
      return "null";
    }
    if (node.isTextual()) {
      String s = node.textValue();
      return s.length() > MAX_SHOWN ? quote(s.substring(0, MAX_SHOWN)) + "..." : quote(s);
    }
    if (node.isNumber() || node.isBoolean()) {
      return node.asText();
    }
    if (node.isObject()) {
      return "an object";
    }
    if (node.isArray()) {
      return "an array";
    }
    return node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
  }

  /** {@code s} as a JSON string literal. */
  public static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  /** A {@link CodecException} with message {@code path: problem}. */
  public static CodecException error(String path, String problem) {
    return new CodecException(path + ": " + problem);
  }

  /** The object field {@code name} of {@code obj}, which must be present and non-null. */
  public static JsonNode required(JsonNode obj, String name, String path) {
    JsonNode v = obj.get(name);
    if (v == null || v.isNull()) {
      throw error(path, "missing field \"" + name + "\"");
    }
    return v;
  }

  /** Requires {@code node} to be a JSON object. */
  public static JsonNode object(JsonNode node, String path) {
    if (node == null || !node.isObject()) {
      throw error(path, "expected an object but was " + describe(node));
    }
    return node;
  }

  /** Requires {@code node} to be a JSON array. */
  public static JsonNode array(JsonNode node, String path) {
    if (node == null || !node.isArray()) {
      throw error(path, "expected an array but was " + describe(node));
    }
    return node;
  }

  /** Requires {@code node} to be a JSON string and returns it. */
  public static String text(JsonNode node, String path) {
    if (node == null || !node.isTextual()) {
      throw error(path, "expected a string but was " + describe(node));
    }
    return node.textValue();
  }

  /** Requires {@code node} to be an integral JSON number within the range of {@code long}. */
  public static long integral(JsonNode node, String path) {
    if (node == null || !node.isIntegralNumber() || !node.canConvertToLong()) {
      throw error(path, "expected an integer but was " + describe(node));
    }
    return node.longValue();
  }

  /** Requires {@code node} to be an integral JSON number within the range of {@code int}. */
  public static int integer(JsonNode node, String path) {
    if (node == null || !node.isIntegralNumber() || !node.canConvertToInt()) {
      throw error(path, "expected an integer but was " + describe(node));
    }
    return node.intValue();
  }
}
