package io.constellation.tck;

import static java.util.Objects.requireNonNull;

import io.constellation.module.Module;
import io.constellation.module.ModuleRegistry;
import io.constellation.pipeline.Backoff;
import io.constellation.pipeline.CallOptions;
import io.constellation.pipeline.DagSpec;
import io.constellation.pipeline.DataNode;
import io.constellation.pipeline.ErrorStrategy;
import io.constellation.pipeline.ModuleNode;
import io.constellation.pipeline.PipelineImage;
import io.constellation.suspension.SuspendedExecution;
import io.constellation.type.CType;
import io.constellation.type.CValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Hand-built sample values, modules, pipeline images and suspensions used by the kits; public so
 * implementers can reuse them in their own tests. Everything is built with the public core API.
 *
 * <p>Thread-safety: stateless; every method returns new immutable values.
 */
public final class SampleData {
  private SampleData() {}

  /** A string with quotes, backslashes, control characters, accents, CJK and an emoji. */
  public static final String AWKWARD_STRING =
      "h\u00e9llo \"w\u00f6rld\" \\ back\tslash\n"
          + "new line \u65e5\u672c\u8a9e \uD83D\uDE80 {json: [1]}";

  /** The union type used by {@link #everyValueKind()}. */
  public static final CType.CUnion RESULT_UNION =
      CType.union(orderedTypes("ok", CType.INT, "error", CType.STRING));

  /**
   * One value of every {@link CValue} kind, several nested, keyed by a descriptive name: the shape
   * of module outputs the engine caches and of the computed values a suspension holds. Contains no
   * NaN or infinity (see {@link #specialFloats()}) and no NUL character.
   */
  public static Map<String, CValue> everyValueKind() {
    Map<String, CValue> m = new LinkedHashMap<>();
    m.put("string", CValue.of(AWKWARD_STRING));
    m.put("emptyString", CValue.of(""));
    m.put("int", CValue.of(42L));
    m.put("intMax", CValue.of(Long.MAX_VALUE));
    m.put("intMin", CValue.of(Long.MIN_VALUE));
    m.put("float", CValue.of(3.141592653589793));
    m.put("floatTiny", CValue.of(-2.5e-300));
    m.put("floatHuge", CValue.of(Double.MAX_VALUE));
    m.put("floatWhole", CValue.of(2.0));
    m.put("booleanTrue", CValue.of(true));
    m.put("booleanFalse", CValue.of(false));
    m.put("listOfStrings", CValue.ofStrings(List.of("a", "b", AWKWARD_STRING)));
    m.put("emptyList", CValue.list(CType.INT, List.of()));
    Map<CValue, CValue> byInt = new LinkedHashMap<>();
    byInt.put(CValue.of(2L), CValue.of("two"));
    byInt.put(CValue.of(1L), CValue.of("one"));
    m.put("mapIntToString", CValue.map(CType.INT, CType.STRING, byInt));
    Map<CValue, CValue> byString = new LinkedHashMap<>();
    byString.put(CValue.of("x:y"), CValue.of(0.5));
    byString.put(CValue.of("\u00fc"), CValue.of(-1.0));
    m.put("mapStringToFloat", CValue.map(CType.STRING, CType.FLOAT, byString));
    m.put("emptyMap", CValue.map(CType.STRING, CType.BOOLEAN, Map.of()));
    CValue.CProduct person = person("Ada", 36, List.of("math", "engines"));
    m.put("record", person);
    m.put(
        "listOfRecords",
        CValue.list(person.type(), List.of(person, person("Grace", 85, List.of()))));
    m.put("unionOk", new CValue.CUnion("ok", CValue.of(7L), RESULT_UNION));
    m.put("unionError", new CValue.CUnion("error", CValue.of("bad input"), RESULT_UNION));
    m.put("some", CValue.some(CValue.of("present")));
    m.put("none", CValue.none(CType.INT));
    m.put("someRecord", CValue.some(person));
    m.put("optionalList", CValue.some(CValue.ofLongs(List.of(1L, 2L, 3L))));
    Map<CValue, CValue> nested = new LinkedHashMap<>();
    nested.put(CValue.of("people"), CValue.list(person.type(), List.of(person)));
    m.put("mapOfListsOfRecords", CValue.map(CType.STRING, CType.list(person.type()), nested));
    return m;
  }

  /** NaN, both infinities and negative zero: floats a text format must encode on purpose. */
  public static Map<String, CValue> specialFloats() {
    Map<String, CValue> m = new LinkedHashMap<>();
    m.put("nan", CValue.of(Double.NaN));
    m.put("positiveInfinity", CValue.of(Double.POSITIVE_INFINITY));
    m.put("negativeInfinity", CValue.of(Double.NEGATIVE_INFINITY));
    m.put("negativeZero", CValue.of(-0.0));
    m.put("minPositive", CValue.of(Double.MIN_VALUE));
    return m;
  }

  /** A record {@code {name: String, age: Int, tags: List<String>}}. */
  public static CValue.CProduct person(String name, long age, List<String> tags) {
    Map<String, CValue> fields = new LinkedHashMap<>();
    fields.put("name", CValue.of(name));
    fields.put("age", CValue.of(age));
    fields.put("tags", CValue.ofStrings(tags));
    return CValue.record(fields);
  }

  /**
   * Two modules: {@code tck.text.upper (text: String) -> (result: String)} and {@code tck.score
   * (text: String, weight: Float) -> (score: Float, label: String)}.
   */
  public static ModuleRegistry registry() {
    ModuleRegistry registry = new ModuleRegistry();
    registry.register(
        Module.builder("tck.text.upper")
            .description("upper-cases text")
            .version(1, 2)
            .input("text", CType.STRING)
            .output("result", CType.STRING)
            .implementation(in -> Map.of("result", CValue.of(in.getString("text").toUpperCase())))
            .build());
    registry.register(
        Module.builder("tck.score")
            .description("scores text")
            .version(2, 0)
            .input("text", CType.STRING)
            .input("weight", CType.FLOAT)
            .output("score", CType.FLOAT)
            .output("label", CType.STRING)
            .implementation(
                in ->
                    Map.of(
                        "score", CValue.of(in.getString("text").length() * 1.0),
                        "label", CValue.of("scored")))
            .build());
    return registry;
  }

  /**
   * Call options with every field set to a non-default value; {@code variant} changes the retry
   * count, so different variants give different structural hashes.
   */
  public static CallOptions richOptions(int variant) {
    return CallOptions.builder()
        .retry(3 + variant)
        .delay(Duration.ofMillis(150))
        .backoff(Backoff.EXPONENTIAL)
        .maxDelay(Duration.ofSeconds(5))
        .timeout(Duration.ofMillis(2500))
        .fallback(CValue.of(0.25))
        .cache(Duration.ofMinutes(10))
        .cacheBackend("redis")
        .throttle(20, Duration.ofSeconds(1))
        .concurrency(4)
        .onError(ErrorStrategy.LOG)
        .priority(80)
        .build();
  }

  /**
   * A two-call DAG named {@code tck-pipeline-<variant>}: {@code upper = tck.text.upper(text)}, then
   * {@code (score, label) = tck.score(upper, weight)} with {@link #richOptions(int)}. Its {@code
   * text} input has an example value.
   */
  public static DagSpec dag(int variant) {
    Map<String, DataNode> data = new LinkedHashMap<>();
    data.put("text", new DataNode("text", CType.STRING, Optional.of(CValue.of("hello"))));
    data.put("weight", new DataNode("weight", CType.FLOAT));
    data.put("upper", new DataNode("upper", CType.STRING));
    data.put("score", new DataNode("score", CType.FLOAT));
    data.put("label", new DataNode("label", CType.STRING));
    ModuleNode upper =
        new ModuleNode(
            "upper",
            "tck.text.upper",
            Map.of("text", "text"),
            Map.of("result", "upper"),
            CallOptions.DEFAULT);
    ModuleNode score =
        new ModuleNode(
            "score",
            "tck.score",
            orderedStrings("text", "upper", "weight", "weight"),
            orderedStrings("score", "score", "label", "label"),
            richOptions(variant));
    return new DagSpec(
        "tck-pipeline-" + variant,
        data,
        List.of(upper, score),
        orderedStrings("score", "score", "label", "label", "upper", "upper"));
  }

  /**
   * A type-checked image of {@link #dag(int)} against {@link #registry()}, with a syntactic hash
   * and a {@code compiledAt} with nanosecond digits (stores may keep only milliseconds).
   */
  public static PipelineImage image(int variant) {
    ModuleRegistry registry = registry();
    return PipelineImage.of(
        dag(variant),
        registry::find,
        registry.hash(),
        Optional.of(sha256Hex("source of variant " + variant)),
        Instant.parse("2025-01-02T03:04:05.123456789Z").plusSeconds(variant));
  }

  /**
   * A suspension of {@link #image(int)} image {@code variant}: input {@code text}, computed values
   * {@link #everyValueKind()}, missing input {@code weight}. Instants have millisecond precision.
   */
  public static SuspendedExecution suspension(
      UUID executionId, int variant, int resumptionCount, Instant createdAt) {
    requireNonNull(executionId, "executionId");
    requireNonNull(createdAt, "createdAt");
    Map<String, CValue> inputs = new LinkedHashMap<>();
    inputs.put("text", CValue.of(AWKWARD_STRING));
    Map<String, CValue> computed = new LinkedHashMap<>(everyValueKind());
    computed.put("upper", CValue.of(AWKWARD_STRING.toUpperCase()));
    Map<String, CType> missing = new LinkedHashMap<>();
    missing.put("weight", CType.FLOAT);
    Optional<Instant> lastResumed =
        resumptionCount == 0 ? Optional.empty() : Optional.of(createdAt.plusSeconds(60));
    return new SuspendedExecution(
        executionId,
        imageWithMillis(variant),
        inputs,
        computed,
        missing,
        resumptionCount,
        createdAt,
        lastResumed);
  }

  /** {@link #image(int)} with {@code compiledAt} truncated to milliseconds. */
  public static PipelineImage imageWithMillis(int variant) {
    PipelineImage i = image(variant);
    return new PipelineImage(
        i.structuralHash(),
        i.syntacticHash(),
        i.registryHash(),
        i.dag(),
        i.compiledAt().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
  }

  /** SHA-256 of the UTF-8 bytes of {@code text}, as lower-case hex. */
  public static String sha256Hex(String text) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  private static Map<String, String> orderedStrings(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  private static Map<String, CType> orderedTypes(String k1, CType v1, String k2, CType v2) {
    Map<String, CType> m = new LinkedHashMap<>();
    m.put(k1, v1);
    m.put(k2, v2);
    return m;
  }
}
