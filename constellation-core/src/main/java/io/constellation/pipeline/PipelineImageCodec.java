package io.constellation.pipeline;

import static io.constellation.type.JsonPaths.error;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.constellation.CodecException;
import io.constellation.PipelineValidationException;
import io.constellation.pipeline.expr.ExprCodec;
import io.constellation.type.CType;
import io.constellation.type.CValue;
import io.constellation.type.JsonPaths;
import io.constellation.type.TaggedJson;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON form of a {@link PipelineImage}, used by pipeline stores and to ship images between
 * nodes:
 *
 * <pre>
 * {"formatVersion":1, "structuralHash":"..", "syntacticHash":".."|null, "registryHash":"..",
 *  "compiledAt":"2025-01-01T00:00:00Z",
 *  "dag":{"name":"..",
 *         "dataNodes":[{"name":"..","type":T,"example":V?}, ..],
 *         "nodes":[{"kind":"module","id":"..","module":"..","inputs":{..},"outputs":{..},
 *                   "options":{..}},
 *                  {"kind":"expression","id":"..","expression":E,"inputs":{..},"output":".."}],
 *         "outputs":{"name":"dataNode", ..}}}
 * </pre>
 *
 * Types ({@code T}) and values ({@code V}, fallbacks) use {@link TaggedJson}; expressions use
 * {@link ExprCodec}. Durations are ISO-8601 strings ({@code "PT1.5S"}); instants are ISO-8601 UTC.
 * Options: {@code retry}, {@code delay}, {@code backoff} ({@code FIXED|LINEAR|EXPONENTIAL}), {@code
 * maxDelay}, {@code timeout}, {@code fallback}, {@code cache}, {@code cacheBackend}, {@code
 * throttle} ({@code {"permits":n,"period":"PT1M"}}), {@code concurrency}, {@code onError} ({@code
 * PROPAGATE|SKIP|LOG|WRAP}), {@code priority}; absent options take {@link CallOptions#DEFAULT}'s
 * value, so hand-written images may omit them.
 *
 * <p>Reading is strict: wrong kinds, unknown enum names, unknown fields, an unknown {@code
 * formatVersion}, an invalid DAG ({@link DagSpec}'s checks) or invalid options are a {@link
 * CodecException} naming the JSON path. The structural hash is recomputed and a mismatch with the
 * stored one is refused, so a modified or corrupted image is never run under the wrong hash.
 *
 * <p>Thread-safety: stateless; all methods may be called concurrently.
 */
public final class PipelineImageCodec {
  /** The format version this build writes and reads. */
  public static final int FORMAT_VERSION = 1;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private PipelineImageCodec() {}

  /** The JSON text of {@code image}. */
  public static String toJson(PipelineImage image) {
    return JsonPaths.write(toJsonNode(image));
  }

  /**
   * Reads an image from JSON text.
   *
   * @throws CodecException naming the JSON path of the problem, or a hash mismatch
   */
  public static PipelineImage fromJson(String json) {
    requireNonNull(json, "json");
    JsonNode root = JsonPaths.parse(json, "pipeline image");
    return fromJsonNode(root, "$");
  }

  /** The JSON tree of {@code image} (for embedding it in a larger document). */
  public static ObjectNode toJsonNode(PipelineImage image) {
    requireNonNull(image, "image");
    ObjectNode o = NODES.objectNode();
    o.put("formatVersion", FORMAT_VERSION);
    o.put("structuralHash", image.structuralHash());
    if (image.syntacticHash().isPresent()) {
      o.put("syntacticHash", image.syntacticHash().get());
    } else {
      o.putNull("syntacticHash");
    }
    o.put("registryHash", image.registryHash());
    o.put("compiledAt", image.compiledAt().toString());
    o.set("dag", writeDag(image.dag()));
    return o;
  }

  /**
   * Reads an image embedded at {@code path} of a larger document ({@code "$"} for a root).
   *
   * @throws CodecException naming the JSON path of the problem, or a hash mismatch
   */
  public static PipelineImage fromJsonNode(JsonNode json, String path) {
    requireNonNull(path, "path");
    JsonPaths.object(json, path);
    allowOnly(
        json,
        path,
        "formatVersion",
        "structuralHash",
        "syntacticHash",
        "registryHash",
        "compiledAt",
        "dag");
    String vp = JsonPaths.field(path, "formatVersion");
    JsonNode version = JsonPaths.required(json, "formatVersion", path);
    if (!version.isIntegralNumber() || version.asLong() != FORMAT_VERSION) {
      throw error(
          vp,
          "unsupported pipeline image format version "
              + JsonPaths.describe(version)
              + " (this build reads version "
              + FORMAT_VERSION
              + ")");
    }
    String structuralHash = text(json, "structuralHash", path);
    JsonNode syn = json.get("syntacticHash");
    Optional<String> syntacticHash =
        syn == null || syn.isNull()
            ? Optional.empty()
            : Optional.of(JsonPaths.text(syn, JsonPaths.field(path, "syntacticHash")));
    String registryHash = text(json, "registryHash", path);
    Instant compiledAt = instant(json, "compiledAt", path);
    String dp = JsonPaths.field(path, "dag");
    DagSpec dag = readDag(JsonPaths.required(json, "dag", path), dp);
    String computed = PipelineImage.structuralHashOf(dag);
    if (!computed.equals(structuralHash)) {
      throw error(
          JsonPaths.field(path, "structuralHash"),
          "stored hash "
              + structuralHash
              + " does not match the pipeline's structure (computed "
              + computed
              + "); the image was modified or corrupted and is refused");
    }
    return new PipelineImage(structuralHash, syntacticHash, registryHash, dag, compiledAt);
  }

  // ------------------------------------------------------------------ write

  private static ObjectNode writeDag(DagSpec dag) {
    ObjectNode o = NODES.objectNode();
    o.put("name", dag.name());
    ArrayNode data = o.putArray("dataNodes");
    for (DataNode d : dag.dataNodes().values()) {
      ObjectNode dn = data.addObject();
      dn.put("name", d.name());
      dn.set("type", TaggedJson.writeType(d.type()));
      d.example().ifPresent(ex -> dn.set("example", TaggedJson.writeValue(ex)));
    }
    ArrayNode nodes = o.putArray("nodes");
    for (DagNode n : dag.nodes()) {
      ObjectNode nn = nodes.addObject();
      switch (n) {
        case ModuleNode m -> {
          nn.put("kind", "module");
          nn.put("id", m.id());
          nn.put("module", m.moduleName());
          nn.set("inputs", strings(m.inputs()));
          nn.set("outputs", strings(m.outputs()));
          nn.set("options", writeOptions(m.options()));
        }
        case ExpressionNode e -> {
          nn.put("kind", "expression");
          nn.put("id", e.id());
          nn.set("expression", ExprCodec.toJson(e.expression()));
          nn.set("inputs", strings(e.inputs()));
          nn.put("output", e.output());
        }
      }
    }
    o.set("outputs", strings(dag.outputs()));
    return o;
  }

  private static ObjectNode writeOptions(CallOptions c) {
    ObjectNode o = NODES.objectNode();
    o.put("retry", c.retry());
    o.put("delay", c.delay().toString());
    o.put("backoff", c.backoff().name());
    o.put("maxDelay", c.maxDelay().toString());
    c.timeout().ifPresent(t -> o.put("timeout", t.toString()));
    c.fallback().ifPresent(f -> o.set("fallback", TaggedJson.writeValue(f)));
    c.cache().ifPresent(t -> o.put("cache", t.toString()));
    c.cacheBackend().ifPresent(b -> o.put("cacheBackend", b));
    c.throttle()
        .ifPresent(
            t -> {
              ObjectNode th = o.putObject("throttle");
              th.put("permits", t.permits());
              th.put("period", t.period().toString());
            });
    c.concurrency().ifPresent(n -> o.put("concurrency", n));
    o.put("onError", c.onError().name());
    o.put("priority", c.priority());
    return o;
  }

  private static ObjectNode strings(Map<String, String> m) {
    ObjectNode o = NODES.objectNode();
    m.forEach(o::put);
    return o;
  }

  // ------------------------------------------------------------------- read

  private static DagSpec readDag(JsonNode json, String path) {
    JsonPaths.object(json, path);
    allowOnly(json, path, "name", "dataNodes", "nodes", "outputs");
    String name = text(json, "name", path);
    String dnp = JsonPaths.field(path, "dataNodes");
    JsonNode dataJson = JsonPaths.array(JsonPaths.required(json, "dataNodes", path), dnp);
    Map<String, DataNode> dataNodes = new LinkedHashMap<>();
    for (int i = 0; i < dataJson.size(); i++) {
      String p = JsonPaths.index(dnp, i);
      JsonNode d = JsonPaths.object(dataJson.get(i), p);
      allowOnly(d, p, "name", "type", "example");
      String dn = text(d, "name", p);
      CType type =
          TaggedJson.readType(JsonPaths.required(d, "type", p), JsonPaths.field(p, "type"));
      JsonNode ex = d.get("example");
      Optional<CValue> example =
          ex == null || ex.isNull()
              ? Optional.empty()
              : Optional.of(TaggedJson.readValue(ex, JsonPaths.field(p, "example")));
      if (example.isPresent() && !example.get().type().equals(type)) {
        throw error(
            JsonPaths.field(p, "example"),
            "example has type " + example.get().type() + " but the data node is " + type);
      }
      if (dataNodes.put(dn, new DataNode(dn, type, example)) != null) {
        throw error(
            JsonPaths.field(p, "name"), "data node " + JsonPaths.quote(dn) + " is declared twice");
      }
    }
    String np = JsonPaths.field(path, "nodes");
    JsonNode nodesJson = JsonPaths.array(JsonPaths.required(json, "nodes", path), np);
    List<DagNode> nodes = new ArrayList<>(nodesJson.size());
    for (int i = 0; i < nodesJson.size(); i++) {
      nodes.add(readNode(nodesJson.get(i), JsonPaths.index(np, i)));
    }
    Map<String, String> outputs =
        readStrings(JsonPaths.required(json, "outputs", path), JsonPaths.field(path, "outputs"));
    try {
      return new DagSpec(name, dataNodes, nodes, outputs);
    } catch (PipelineValidationException e) {
      throw new CodecException(path + ": " + e.getMessage(), e);
    }
  }

  private static DagNode readNode(JsonNode json, String path) {
    JsonPaths.object(json, path);
    String kind = text(json, "kind", path);
    String id = text(json, "id", path);
    Map<String, String> inputs =
        readStrings(JsonPaths.required(json, "inputs", path), JsonPaths.field(path, "inputs"));
    return switch (kind) {
      case "module" -> {
        allowOnly(json, path, "kind", "id", "module", "inputs", "outputs", "options");
        String module = text(json, "module", path);
        Map<String, String> outputs =
            readStrings(
                JsonPaths.required(json, "outputs", path), JsonPaths.field(path, "outputs"));
        JsonNode opts = json.get("options");
        CallOptions options =
            opts == null
                ? CallOptions.DEFAULT
                : readOptions(opts, JsonPaths.field(path, "options"));
        yield new ModuleNode(id, module, inputs, outputs, options);
      }
      case "expression" -> {
        allowOnly(json, path, "kind", "id", "expression", "inputs", "output");
        String ep = JsonPaths.field(path, "expression");
        var expr = ExprCodec.fromJson(JsonPaths.required(json, "expression", path), ep);
        yield new ExpressionNode(id, expr, inputs, text(json, "output", path));
      }
      default ->
          throw error(
              JsonPaths.field(path, "kind"),
              "unknown node kind " + JsonPaths.quote(kind) + " (expected module or expression)");
    };
  }

  private static CallOptions readOptions(JsonNode json, String path) {
    JsonPaths.object(json, path);
    allowOnly(
        json,
        path,
        "retry",
        "delay",
        "backoff",
        "maxDelay",
        "timeout",
        "fallback",
        "cache",
        "cacheBackend",
        "throttle",
        "concurrency",
        "onError",
        "priority");
    CallOptions d = CallOptions.DEFAULT;
    int retry =
        json.has("retry")
            ? JsonPaths.integer(json.get("retry"), JsonPaths.field(path, "retry"))
            : d.retry();
    Duration delay = json.has("delay") ? duration(json, "delay", path) : d.delay();
    Backoff backoff =
        json.has("backoff") ? enumValue(Backoff.class, json, "backoff", path) : d.backoff();
    Duration maxDelay = json.has("maxDelay") ? duration(json, "maxDelay", path) : d.maxDelay();
    Optional<Duration> timeout = optionalDuration(json, "timeout", path);
    Optional<CValue> fallback =
        present(json, "fallback")
            ? Optional.of(
                TaggedJson.readValue(json.get("fallback"), JsonPaths.field(path, "fallback")))
            : Optional.empty();
    Optional<Duration> cache = optionalDuration(json, "cache", path);
    Optional<String> cacheBackend =
        present(json, "cacheBackend")
            ? Optional.of(text(json, "cacheBackend", path))
            : Optional.empty();
    Optional<Throttle> throttle = Optional.empty();
    if (present(json, "throttle")) {
      String tp = JsonPaths.field(path, "throttle");
      JsonNode t = JsonPaths.object(json.get("throttle"), tp);
      allowOnly(t, tp, "permits", "period");
      int permits =
          JsonPaths.integer(JsonPaths.required(t, "permits", tp), JsonPaths.field(tp, "permits"));
      Duration period = duration(t, "period", tp);
      try {
        throttle = Optional.of(new Throttle(permits, period));
      } catch (IllegalArgumentException e) {
        throw error(tp, e.getMessage());
      }
    }
    Optional<Integer> concurrency =
        present(json, "concurrency")
            ? Optional.of(
                JsonPaths.integer(json.get("concurrency"), JsonPaths.field(path, "concurrency")))
            : Optional.empty();
    ErrorStrategy onError =
        json.has("onError") ? enumValue(ErrorStrategy.class, json, "onError", path) : d.onError();
    int priority =
        json.has("priority")
            ? JsonPaths.integer(json.get("priority"), JsonPaths.field(path, "priority"))
            : d.priority();
    try {
      return new CallOptions(
          retry,
          delay,
          backoff,
          maxDelay,
          timeout,
          fallback,
          cache,
          cacheBackend,
          throttle,
          concurrency,
          onError,
          priority);
    } catch (IllegalArgumentException e) {
      throw error(path, e.getMessage());
    }
  }

  private static boolean present(JsonNode json, String name) {
    JsonNode v = json.get(name);
    return v != null && !v.isNull();
  }

  private static String text(JsonNode json, String name, String path) {
    return JsonPaths.text(JsonPaths.required(json, name, path), JsonPaths.field(path, name));
  }

  private static Map<String, String> readStrings(JsonNode json, String path) {
    JsonPaths.object(json, path);
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : json.properties()) {
      out.put(e.getKey(), JsonPaths.text(e.getValue(), JsonPaths.field(path, e.getKey())));
    }
    return out;
  }

  private static Duration duration(JsonNode json, String name, String path) {
    String p = JsonPaths.field(path, name);
    String s = JsonPaths.text(JsonPaths.required(json, name, path), p);
    try {
      return Duration.parse(s);
    } catch (DateTimeParseException e) {
      throw error(
          p, "expected an ISO-8601 duration such as \"PT1.5S\" but was " + JsonPaths.quote(s));
    }
  }

  private static Optional<Duration> optionalDuration(JsonNode json, String name, String path) {
    return present(json, name) ? Optional.of(duration(json, name, path)) : Optional.empty();
  }

  static Instant instant(JsonNode json, String name, String path) {
    String p = JsonPaths.field(path, name);
    String s = JsonPaths.text(JsonPaths.required(json, name, path), p);
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw error(
          p,
          "expected an ISO-8601 instant such as \"2025-01-31T12:00:00Z\" but was "
              + JsonPaths.quote(s));
    }
  }

  private static <E extends Enum<E>> E enumValue(
      Class<E> type, JsonNode json, String name, String path) {
    String p = JsonPaths.field(path, name);
    String s = JsonPaths.text(json.get(name), p);
    try {
      return Enum.valueOf(type, s.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      List<String> names = new ArrayList<>();
      for (E c : type.getEnumConstants()) {
        names.add(c.name());
      }
      throw error(p, "unknown value " + JsonPaths.quote(s) + " (expected one of " + names + ")");
    }
  }

  private static void allowOnly(JsonNode json, String path, String... names) {
    for (Map.Entry<String, JsonNode> e : json.properties()) {
      boolean known = false;
      for (String n : names) {
        if (n.equals(e.getKey())) {
          known = true;
          break;
        }
      }
      if (!known) {
        throw error(
            JsonPaths.field(path, e.getKey()),
            "unknown field (expected " + String.join(", ", names) + ")");
      }
    }
  }
}
