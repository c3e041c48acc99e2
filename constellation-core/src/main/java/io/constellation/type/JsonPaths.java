package io.constellation.type;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.constellation.CodecException;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Helpers shared by the JSON codecs (and usable by adapters that store JSON): strict parsing, JSON
 * paths for error messages ({@code $.value[2].qty}), short descriptions of JSON nodes ({@code "x"},
 * {@code an object}) and typed field access that fails with a {@link CodecException} naming the
 * path.
 *
 * <p>Thread-safety: stateless; the shared mapper is immutable after construction.
 */
public final class JsonPaths {
  private static final Pattern SIMPLE = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$-]*");
  private static final int MAX_SHOWN = 40;

  /** Strict: duplicate object keys and trailing content are errors. */
  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private JsonPaths() {}

  /**
   * Parses JSON text strictly (duplicate keys and trailing content are errors).
   *
   * @param what what the document is, for the error message (e.g. {@code "pipeline image"})
   * @throws CodecException with the line and column of a syntax error
   */
  public static JsonNode parse(String json, String what) {
    try {
      return checkPresent(MAPPER.readTree(json), what);
    } catch (JacksonException e) {
      throw syntaxError(e, what);
    }
  }

  /**
   * Parses UTF-8 JSON bytes strictly.
   *
   * @throws CodecException with the line and column of a syntax or encoding error
   */
  public static JsonNode parse(byte[] json, String what) {
    try {
      return checkPresent(MAPPER.readTree(json), what);
    } catch (JacksonException e) {
      throw syntaxError(e, what);
    } catch (IOException e) {
      throw new CodecException(what + " cannot be read: " + e.getMessage(), e);
    }
  }

  /** Compact JSON text of {@code node}. */
  public static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JacksonException e) {
      throw new CodecException("cannot write JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** UTF-8 JSON bytes of {@code node}. */
  public static byte[] writeBytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JacksonException e) {
      throw new CodecException("cannot write JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static JsonNode checkPresent(JsonNode node, String what) {
    if (node == null || node.isMissingNode()) {
      throw new CodecException(what + " is empty, expected JSON");
    }
    return node;
  }

  private static CodecException syntaxError(JacksonException e, String what) {
    String where =
        e.getLocation() == null
            ? ""
            : " at line "
                + e.getLocation().getLineNr()
                + ", column "
                + e.getLocation().getColumnNr();
    return new CodecException(
        what + " is not valid JSON" + where + ": " + e.getOriginalMessage(), e);
  }

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
