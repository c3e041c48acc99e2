package io.constellation.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.constellation.InputValidationException;
import io.constellation.type.CType;
import io.constellation.type.CValue;
import io.constellation.type.PlainJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns {@code --input k=v} and {@code --inputs JSON} into plain JSON and values. A value for a
 * {@code String} (or {@code Optional<String>}) input is taken literally; any other value is read as
 * JSON ({@code 42}, {@code true}, {@code [1,2]}, {@code {"a":1}}), so the type errors name the
 * input: {@code qty: expected Int but was "x"}.
 *
 * <p>Thread-safety: stateless.
 */
final class CliInputs {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private CliInputs() {}

  /**
   * Plain JSON object of the inputs.
   *
   * @param pairs {@code k=v} strings
   * @param json a JSON object, {@code @FILE}, or null
   * @param types the declared input types (empty when unknown)
   * @throws InputValidationException listing every malformed pair
   */
  static ObjectNode toJson(List<String> pairs, String json, Map<String, CType> types) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    List<String> problems = new ArrayList<>();
    if (json != null) {
      String text = json;
      try {
        if (json.startsWith("@")) {
          text = Files.readString(Path.of(json.substring(1)));
        }
        JsonNode node = MAPPER.readTree(text);
        if (node == null || !node.isObject()) {
          problems.add("--inputs: expected a JSON object");
        } else {
          out.setAll((ObjectNode) node);
        }
      } catch (IOException e) {
        problems.add("--inputs: " + firstLine(e.getMessage()));
      }
    }
    for (String pair : pairs) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        problems.add("--input '" + pair + "': expected NAME=VALUE");
        continue;
      }
      String name = pair.substring(0, eq);
      String raw = pair.substring(eq + 1);
      CType t = types.get(name);
      if (isText(t)) {
        out.put(name, raw);
      } else {
        try {
          out.set(name, MAPPER.readTree(raw));
        } catch (IOException e) {
          out.put(name, raw); // let the type check report it with the expected type
        }
        if (out.get(name) == null || out.get(name).isMissingNode()) {
          out.put(name, raw);
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new InputValidationException(problems);
    }
    return out;
  }

  /** The values of {@code inputs} checked against {@code types}. */
  static Map<String, CValue> values(ObjectNode inputs, Map<String, CType> types) {
    return PlainJson.readInputs(inputs, types);
  }

  private static boolean isText(CType t) {
    return t instanceof CType.CString
        || (t instanceof CType.COptional o && o.inner() instanceof CType.CString);
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "invalid JSON";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
