package io.constellation.suspension;

import static io.constellation.type.JsonPaths.error;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.constellation.CodecException;
import io.constellation.pipeline.PipelineImage;
import io.constellation.pipeline.PipelineImageCodec;
import io.constellation.type.CType;
import io.constellation.type.CValue;
import io.constellation.type.JsonPaths;
import io.constellation.type.TaggedJson;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The JSON form of a {@link SuspendedExecution} (DESIGN §8.6), used by suspension stores:
 *
 * <pre>
 * {"formatVersion":1, "executionId":"uuid", "image":{..PipelineImageCodec..},
 *  "inputs":{"name":taggedValue}, "computedValues":{"name":taggedValue},
 *  "missingInputs":{"name":taggedType}, "resumptionCount":0,
 *  "createdAt":"2025-..Z", "lastResumedAt":"2025-..Z"|null}
 * </pre>
 *
 * The image is embedded with {@link PipelineImageCodec} (so its structural hash is verified on
 * read) and values with {@link TaggedJson}. A document with a {@code formatVersion} other than
 * {@value #FORMAT_VERSION} is refused with a {@link CodecException} saying which version this build
 * reads; every other problem is a {@link CodecException} naming the JSON path.
 *
 * <p>Thread-safety: stateless; all methods may be called concurrently.
 */
public final class SuspensionCodec {
  /** The format version this build writes and reads. */
  public static final int FORMAT_VERSION = 1;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Set<String> FIELDS =
      Set.of(
          "formatVersion",
          "executionId",
          "image",
          "inputs",
          "computedValues",
          "missingInputs",
          "resumptionCount",
          "createdAt",
          "lastResumedAt");

  private SuspensionCodec() {}

  /** The JSON text of {@code suspended}. */
  public static String toJson(SuspendedExecution suspended) {
    requireNonNull(suspended, "suspended");
    ObjectNode o = NODES.objectNode();
    o.put("formatVersion", FORMAT_VERSION);
    o.put("executionId", suspended.executionId().toString());
    o.set("image", PipelineImageCodec.toJsonNode(suspended.image()));
    o.set("inputs", values(suspended.inputs()));
    o.set("computedValues", values(suspended.computedValues()));
    ObjectNode missing = o.putObject("missingInputs");
    suspended.missingInputs().forEach((k, t) -> missing.set(k, TaggedJson.writeType(t)));
    o.put("resumptionCount", suspended.resumptionCount());
    o.put("createdAt", suspended.createdAt().toString());
    if (suspended.lastResumedAt().isPresent()) {
      o.put("lastResumedAt", suspended.lastResumedAt().get().toString());
    } else {
      o.putNull("lastResumedAt");
    }
    return JsonPaths.write(o);
  }

  /**
   * Reads a suspension.
   *
   * @throws CodecException naming the JSON path of the problem, an unsupported format version, or
   *     an image whose structural hash does not match its DAG
   */
  public static SuspendedExecution fromJson(String json) {
    requireNonNull(json, "json");
    JsonNode root = JsonPaths.parse(json, "suspension");
    String path = "$";
    JsonPaths.object(root, path);
    JsonNode version = JsonPaths.required(root, "formatVersion", path);
    if (!version.isIntegralNumber() || version.asLong() != FORMAT_VERSION) {
      throw error(
          "$.formatVersion",
          "unsupported suspension format version "
              + JsonPaths.describe(version)
              + " (this build reads version "
              + FORMAT_VERSION
              + ")");
    }
    for (Map.Entry<String, JsonNode> e : root.properties()) {
      if (!FIELDS.contains(e.getKey())) {
        throw error(JsonPaths.field(path, e.getKey()), "unknown field");
      }
    }
    String idText = JsonPaths.text(JsonPaths.required(root, "executionId", path), "$.executionId");
    UUID executionId;
    try {
      executionId = UUID.fromString(idText);
    } catch (IllegalArgumentException e) {
      throw error("$.executionId", "expected a UUID but was " + JsonPaths.quote(idText));
    }
    PipelineImage image =
        PipelineImageCodec.fromJsonNode(JsonPaths.required(root, "image", path), "$.image");
    Map<String, CValue> inputs = readValues(root, "inputs");
    Map<String, CValue> computed = readValues(root, "computedValues");
    JsonNode missingJson =
        JsonPaths.object(JsonPaths.required(root, "missingInputs", path), "$.missingInputs");
    Map<String, CType> missing = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : missingJson.properties()) {
      missing.put(
          e.getKey(),
          TaggedJson.readType(e.getValue(), JsonPaths.field("$.missingInputs", e.getKey())));
    }
    int resumptionCount =
        JsonPaths.integer(JsonPaths.required(root, "resumptionCount", path), "$.resumptionCount");
    if (resumptionCount < 0) {
      throw error("$.resumptionCount", "must not be negative, was " + resumptionCount);
    }
    Instant createdAt = instant(JsonPaths.required(root, "createdAt", path), "$.createdAt");
    JsonNode last = root.get("lastResumedAt");
    Optional<Instant> lastResumedAt =
        last == null || last.isNull()
            ? Optional.empty()
            : Optional.of(instant(last, "$.lastResumedAt"));
    return new SuspendedExecution(
        executionId, image, inputs, computed, missing, resumptionCount, createdAt, lastResumedAt);
  }

  private static ObjectNode values(Map<String, CValue> values) {
    ObjectNode o = NODES.objectNode();
    values.forEach((k, v) -> o.set(k, TaggedJson.writeValue(v)));
    return o;
  }

  private static Map<String, CValue> readValues(JsonNode root, String name) {
    String p = "$." + name;
    JsonNode json = JsonPaths.object(JsonPaths.required(root, name, "$"), p);
    Map<String, CValue> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : json.properties()) {
      out.put(e.getKey(), TaggedJson.readValue(e.getValue(), JsonPaths.field(p, e.getKey())));
    }
    return out;
  }

  private static Instant instant(JsonNode node, String path) {
    String s = JsonPaths.text(node, path);
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw error(path, "expected an ISO-8601 instant but was " + JsonPaths.quote(s));
    }
  }
}
