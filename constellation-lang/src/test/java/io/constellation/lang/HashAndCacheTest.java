package io.constellation.lang;

import static org.assertj.core.api.Assertions.assertThat;

import io.constellation.Constellation;
import io.constellation.ConstellationImpl;
import io.constellation.execution.DataSignature;
import io.constellation.lang.examples.ExampleModules;
import io.constellation.module.Module;
import io.constellation.pipeline.PipelineImage;
import io.constellation.pipeline.PipelineImageCodec;
import io.constellation.type.CType;
import io.constellation.type.CValue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Structural hashes are deterministic; the compile cache skips parsing; images survive storage. */
class HashAndCacheTest {
  static final String SOURCE =
      String.join(
          "\n",
          "use stdlib.string as str",
          "in text: String",
          "in n: Int",
          "t = str.trim(text)",
          "shout = Uppercase(t) with retry: 2, cache: 5min",
          "label = if (n > 10) \"big\" else \"small\"",
          "tier = branch { n >= 100 -> \"gold\", n >= 10 -> \"silver\", otherwise -> \"bronze\" }",
          "greeting = \"${shout}: ${label}/${tier} ${stdlib.math.add(n, 1)}\"",
          "out greeting",
          "out tier");

  /** Entry point of the second JVM: prints the structural hash of {@link #SOURCE}. */
  public static void main(String[] args) {
    Constellation engine = ConstellationImpl.builder().build();
    ExampleModules.register(engine);
    System.out.println(
        "HASH="
            + ConstellationCompiler.forEngine(engine).compileOrThrow(SOURCE, "p").structuralHash());
    engine.shutdown(Duration.ofSeconds(1));
  }

  private static Constellation engine() {
    Constellation engine = ConstellationImpl.builder().build();
    ExampleModules.register(engine);
    return engine;
  }

  @Test
  void theSameSourceCompiledTwiceGivesOneStructuralHash() {
    try (Constellation a = engine();
        Constellation b = engine()) {
      PipelineImage first = ConstellationCompiler.forEngine(a).compileOrThrow(SOURCE, "p");
      PipelineImage second =
          ConstellationCompiler.forEngine(b).compileOrThrow(SOURCE, "other-name");
      assertThat(second.structuralHash()).isEqualTo(first.structuralHash());
    }
  }

  @Test
  void renamingIntermediateVariablesKeepsTheHashButChangingLogicDoesNot() {
    try (Constellation e = engine()) {
      ConstellationCompiler c = ConstellationCompiler.forEngine(e);
      String original = c.compileOrThrow(SOURCE, "p").structuralHash();
      String renamed =
          c.compileOrThrow(SOURCE.replace("label", "size").replace("shout", "loud"), "p")
              .structuralHash();
      String changed = c.compileOrThrow(SOURCE.replace("n > 10", "n > 11"), "p").structuralHash();
      assertThat(renamed).isEqualTo(original);
      assertThat(changed).isNotEqualTo(original);
    }
  }

  @Test
  void aSecondJvmComputesTheSameStructuralHash() throws Exception {
    String here;
    try (Constellation e = engine()) {
      here = ConstellationCompiler.forEngine(e).compileOrThrow(SOURCE, "p").structuralHash();
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                "-Xshare:auto",
                HashAndCacheTest.class.getName())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).contains("HASH=" + here);
  }

  @Test
  void unchangedSourceAndRegistryHitTheCacheWithoutParsing() {
    try (Constellation e = engine()) {
      ConstellationCompiler c = ConstellationCompiler.forEngine(e);
      CompileResult first = c.compile(SOURCE, "p");
      assertThat(first.cached()).isFalse();
      assertThat(c.parseCount()).isEqualTo(1);
      String syntactic = first.image().orElseThrow().syntacticHash().orElseThrow();
      assertThat(e.pipelineStore().lookupSyntactic(syntactic, e.registry().hash()))
          .contains(first.image().get().structuralHash());

      CompileResult second = c.compile(SOURCE, "p-again");
      assertThat(second.cached()).isTrue();
      assertThat(c.parseCount()).isEqualTo(1);
      assertThat(second.image().get().structuralHash())
          .isEqualTo(first.image().get().structuralHash());
      assertThat(e.pipelineStore().resolve("p-again"))
          .contains(first.image().get().structuralHash());

      // a changed module signature invalidates the cache
      e.setModule(
          Module.builder("Uppercase")
              .version(2, 0)
              .input("text", CType.STRING)
              .output("result", CType.STRING)
              .implementation(in -> Map.of("result", CValue.of(in.getString("text").toUpperCase())))
              .build());
      CompileResult third = c.compile(SOURCE, "p");
      assertThat(third.cached()).isFalse();
      assertThat(c.parseCount()).isEqualTo(2);
    }
  }

  @Test
  void aStoredImageLoadedIntoAFreshEngineRunsWithTheSameOutputs() {
    Map<String, CValue> inputs = Map.of("text", CValue.of("  hi "), "n", CValue.of(42L));
    String json;
    DataSignature original;
    PipelineImage image;
    try (Constellation e = engine()) {
      image = ConstellationCompiler.forEngine(e).compileOrThrow(SOURCE, "p");
      original = e.run(image, inputs);
      json = PipelineImageCodec.toJson(image);
    }
    assertThat(original.outputs())
        .containsEntry("greeting", CValue.of("HI: big/silver 43"))
        .containsEntry("tier", CValue.of("silver"));
    PipelineImage loaded = PipelineImageCodec.fromJson(json);
    assertThat(loaded.structuralHash()).isEqualTo(image.structuralHash());
    assertThat(PipelineImage.structuralHashOf(loaded.dag())).isEqualTo(image.structuralHash());
    try (Constellation fresh = engine()) {
      fresh.pipelineStore().store(loaded);
      fresh.pipelineStore().alias("loaded", loaded.structuralHash());
      DataSignature again = fresh.run("loaded", inputs);
      assertThat(again.outputs()).isEqualTo(original.outputs());
    }
  }

  @Test
  void expressionNodesArePartOfTheDag() {
    try (Constellation e = engine()) {
      PipelineImage image = ConstellationCompiler.forEngine(e).compileOrThrow(SOURCE, "p");
      List<String> kinds =
          image.dag().nodes().stream().map(n -> n.getClass().getSimpleName()).distinct().toList();
      assertThat(kinds).contains("ExpressionNode", "ModuleNode");
      assertThat(PipelineImage.canonicalTextOf(image.dag())).contains("(branch", "(interp");
    }
  }

  @Test
  void aGeneratedFiveHundredLinePipelineCompilesAndRuns() throws Exception {
    StringBuilder sb = new StringBuilder("in x0: Int\n");
    for (int k = 1; k < 500; k++) {
      switch (k % 4) {
        case 0 ->
            sb.append("x")
                .append(k)
                .append(" = stdlib.math.add(x")
                .append(k - 1)
                .append(", ")
                .append(k)
                .append(")\n");
        case 1 -> sb.append("x").append(k).append(" = x").append(k - 1).append(" % 1000 + 1\n");
        case 2 ->
            sb.append("x")
                .append(k)
                .append(" = if (x")
                .append(k - 1)
                .append(" > 500) x")
                .append(k - 1)
                .append(" - 7 else x")
                .append(k - 1)
                .append(" * 2\n");
        default ->
            sb.append("x")
                .append(k)
                .append(" = branch { x")
                .append(k - 1)
                .append(" < 10 -> 1, otherwise -> x")
                .append(k - 1)
                .append(" }\n");
      }
    }
    sb.append("out x499\n");
    assertThat(sb.toString().lines().count()).isGreaterThanOrEqualTo(500);
    try (Constellation e = engine()) {
      PipelineImage image = ConstellationCompiler.forEngine(e).compileOrThrow(sb.toString(), "big");
      assertThat(image.dag().nodes()).hasSizeGreaterThanOrEqualTo(499);
      long expected = 3;
      for (int k = 1; k < 500; k++) {
        long p = expected;
        expected =
            switch (k % 4) {
              case 0 -> p + k;
              case 1 -> p % 1000 + 1;
              case 2 -> p > 500 ? p - 7 : p * 2;
              default -> p < 10 ? 1 : p;
            };
      }
      assertThat(e.run(image, Map.of("x0", CValue.of(3L))).outputs())
          .containsEntry("x499", CValue.of(expected));
    }
  }
}
