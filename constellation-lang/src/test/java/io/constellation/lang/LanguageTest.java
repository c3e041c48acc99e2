package io.constellation.lang;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.constellation.CodecException;
import io.constellation.Constellation;
import io.constellation.execution.DataSignature;
import io.constellation.execution.PipelineStatus;
import io.constellation.lang.examples.ExampleModules;
import io.constellation.pipeline.ExpressionNode;
import io.constellation.pipeline.PipelineImage;
import io.constellation.pipeline.expr.ExprCodec;
import io.constellation.type.CType;
import io.constellation.type.CValue;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Language constructs compiled and run on the real engine. */
class LanguageTest {
  private Constellation engine;
  private ConstellationCompiler compiler;

  @BeforeEach
  void start() {
    engine = io.constellation.ConstellationImpl.builder().build();
    ExampleModules.register(engine);
    compiler = ConstellationCompiler.forEngine(engine);
  }

  @AfterEach
  void stop() {
    engine.shutdown(Duration.ofSeconds(5));
  }

  private DataSignature run(String source, Map<String, CValue> inputs) {
    CompileResult r = compiler.compile(source, "t");
    assertThat(r.errors()).as(r.formatErrors()).isEmpty();
    PipelineImage image = r.image().orElseThrow();
    // every expression node survives a JSON round trip unchanged
    for (var n : image.dag().nodes()) {
      if (n instanceof ExpressionNode e) {
        JsonNode json = ExprCodec.toJson(e.expression());
        assertThat(ExprCodec.fromJson(json, "$").canonical()).isEqualTo(e.expression().canonical());
      }
    }
    return engine.run(image, inputs);
  }

  @Test
  void arithmeticComparisonAndLogicFollowPrecedence() {
    DataSignature r =
        run(
            "in a: Int\nin f: Float\nx = a + 2 * 3 - 4 / 2 % 3\ny = a * f\nz = -a + 1\n"
                + "b = a > 1 and not (a == 3) or false\nout x\nout y\nout z\nout b",
            Map.of("a", CValue.of(5L), "f", CValue.of(1.5)));
    assertThat(r.outputs())
        .containsEntry("x", CValue.of(5L + 6 - 2))
        .containsEntry("y", CValue.of(7.5))
        .containsEntry("z", CValue.of(-4L))
        .containsEntry("b", CValue.of(true));
  }

  @Test
  void nestedCallsNamedArgumentsAndUseWithoutAlias() {
    DataSignature r =
        run(
            "use stdlib.math\nin t: String\nin n: Int\nx = Uppercase(text: trim(t)) + \"!\"\n"
                + "y = add(multiply(n, 2), b: 1)\nout x\nout y",
            Map.of("t", CValue.of("  yo "), "n", CValue.of(20L)));
    assertThat(r.outputs()).containsEntry("x", CValue.of("YO!")).containsEntry("y", CValue.of(41L));
  }

  @Test
  void recordsProjectionMergeListsAndOptionalFields() {
    String src =
        String.join(
            "\n",
            "type Person = { name: String, age: Int, email: Optional<String> }",
            "in p: Person",
            "in maybe: Optional<Person>",
            "card = p[name, age] + { city: \"Oslo\" }",
            "mail = p.email ?? \"none\"",
            "other = maybe.name ?? \"nobody\"",
            "ages = [p.age, 1, 2] + [3]",
            "out card",
            "out mail",
            "out other",
            "out ages");
    CType.CProduct person =
        CType.product(
            ordered("name", CType.STRING, "age", CType.INT, "email", CType.optional(CType.STRING)));
    CValue.CProduct ada =
        new CValue.CProduct(
            ordered(
                "name",
                CValue.of("Ada"),
                "age",
                CValue.of(36L),
                "email",
                CValue.none(CType.STRING)),
            person);
    DataSignature r = run(src, Map.of("p", ada, "maybe", CValue.none(person)));
    assertThat(r.status()).as(r.errors().toString()).isEqualTo(PipelineStatus.COMPLETED);
    assertThat(((CValue.CProduct) r.outputs().get("card")).fields())
        .containsOnlyKeys("name", "age", "city")
        .containsEntry("city", CValue.of("Oslo"));
    assertThat(r.outputs())
        .containsEntry("mail", CValue.of("none"))
        .containsEntry("other", CValue.of("nobody"))
        .containsEntry("ages", CValue.ofLongs(java.util.List.of(36L, 1L, 2L, 3L)));
  }

  @Test
  void unionsAcceptEachMemberAndOptionalInputsMayBeOmitted() {
    String src =
        "type Id = String | Int\nin id: Id\nin note: Optional<String>\n"
            + "x = \"id ${id}, note ${note ?? \"-\"}\"\nout x";
    PipelineImage image = compiler.compileOrThrow(src, "u");
    CType.CUnion union = (CType.CUnion) image.dag().inputs().get("id");
    assertThat(union.variants()).containsOnlyKeys("String", "Int");
    DataSignature r =
        engine.run(image, Map.of("id", new CValue.CUnion("Int", CValue.of(7L), union)));
    assertThat(r.outputs()).containsEntry("x", CValue.of("id 7, note -"));
  }

  @Test
  void runtimeErrorsAreClear() {
    DataSignature expr = run("in a: Int\nx = 10 / a\nout x", Map.of("a", CValue.of(0L)));
    assertThat(expr.status()).isEqualTo(PipelineStatus.FAILED);
    assertThat(expr.errors().get(0).message()).contains("division by zero: 10 / 0");
    DataSignature stdlib =
        run("in a: Int\nx = stdlib.math.divide(7, a)\nout x", Map.of("a", CValue.of(0L)));
    assertThat(stdlib.status()).isEqualTo(PipelineStatus.FAILED);
    assertThat(stdlib.errors().get(0).message()).contains("division by zero: 7 / 0");
    DataSignature parse =
        run("in s: String\nx = stdlib.convert.parseInt(s)\nout x", Map.of("s", CValue.of("4x")));
    assertThat(parse.errors().get(0).message()).contains("cannot convert '4x' to Int");
  }

  @Test
  void withOptionsBecomeCallOptions() {
    PipelineImage image =
        compiler.compileOrThrow(
            "in t: String\nx = Uppercase(t) with retry: 2, delay: 100ms, backoff: linear, timeout: 5s, "
                + "fallback: \"?\", cache: 15min, cache_backend: \"redis\", throttle: 100/1min, "
                + "concurrency: 4, on_error: log, priority: 90\nout x",
            "o");
    var o = image.dag().moduleNodes().get(0).options();
    assertThat(o.retry()).isEqualTo(2);
    assertThat(o.delay()).isEqualTo(Duration.ofMillis(100));
    assertThat(o.backoff()).isEqualTo(io.constellation.pipeline.Backoff.LINEAR);
    assertThat(o.timeout()).contains(Duration.ofSeconds(5));
    assertThat(o.fallback()).contains(CValue.of("?"));
    assertThat(o.cache()).contains(Duration.ofMinutes(15));
    assertThat(o.cacheBackend()).contains("redis");
    assertThat(o.throttle())
        .contains(new io.constellation.pipeline.Throttle(100, Duration.ofMinutes(1)));
    assertThat(o.concurrency()).contains(4);
    assertThat(o.onError()).isEqualTo(io.constellation.pipeline.ErrorStrategy.LOG);
    assertThat(o.priority()).isEqualTo(90);
  }

  @Test
  void exprCodecNamesThePathOfBadJson() throws Exception {
    JsonNode bad =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(
                "{\"kind\":\"arith\",\"op\":\"ADD\",\"left\":{\"kind\":\"bogus\"},\"right\":{\"kind\":\"literal\"}}");
    Assertions.assertThatThrownBy(() -> ExprCodec.fromJson(bad, "$.nodes[0].expression"))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("$.nodes[0].expression.left.kind: unknown expression kind 'bogus'");
  }

  private static <V> Map<String, V> ordered(Object... kv) {
    Map<String, V> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      @SuppressWarnings("unchecked")
      V v = (V) kv[i + 1];
      m.put((String) kv[i], v);
    }
    return m;
  }
}
