package io.constellation.jdbc;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.constellation.CodecException;
import io.constellation.pipeline.PipelineImage;
import io.constellation.pipeline.PipelineImageCodec;
import io.constellation.suspension.SuspendedExecution;
import io.constellation.suspension.SuspensionCodec;
import io.constellation.type.CType;
import io.constellation.type.TaggedJson;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON forms of what the stores keep: images with {@link PipelineImageCodec}, suspensions with
 * {@link SuspensionCodec}, the {@code missing_inputs} column as {@code {"name": taggedType}} (the
 * same shape as the suspension JSON's {@code missingInputs}).
 *
 * <p>Thread-safety: stateless.
 */
final class Serde {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Serde() {}

  static String imageToJson(PipelineImage image) {
    return PipelineImageCodec.toJson(image);
  }

  static PipelineImage imageFromJson(String json) {
    return PipelineImageCodec.fromJson(json);
  }

  static String suspensionToJson(SuspendedExecution execution) {
    return SuspensionCodec.toJson(execution);
  }

  static SuspendedExecution suspensionFromJson(String json) {
    return SuspensionCodec.fromJson(json);
  }

  static String typesToJson(Map<String, CType> types) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    types.forEach((name, type) -> o.set(name, TaggedJson.writeType(type)));
    try {
      return MAPPER.writeValueAsString(o);
    } catch (JacksonException e) {
      throw new CodecException("cannot write missing inputs: " + e.getOriginalMessage(), e);
    }
  }

  static Map<String, CType> typesFromJson(String json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JacksonException e) {
      throw new CodecException("missing_inputs is not JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new CodecException("missing_inputs: expected a JSON object");
    }
    Map<String, CType> out = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      out.put(f.getKey(), TaggedJson.readType(f.getValue(), "$.missing_inputs." + f.getKey()));
    }
    return Collections.unmodifiableMap(out);
  }
}
