package io.constellation.lang;

import static org.assertj.core.api.Assertions.assertThat;

import io.constellation.Constellation;
import io.constellation.execution.DataSignature;
import io.constellation.execution.PipelineStatus;
import io.constellation.lang.examples.ExampleModules;
import io.constellation.pipeline.PipelineImage;
import io.constellation.type.CType;
import io.constellation.type.CValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every pipeline in examples/ compiles and gives the documented outputs on the real engine. */
class ExamplesTest {
  private Constellation engine;
  private ExampleModules modules;
  private ConstellationCompiler compiler;

  @BeforeEach
  void start() {
    engine = io.constellation.ConstellationImpl.builder().build();
    modules = ExampleModules.register(engine);
    compiler = ConstellationCompiler.forEngine(engine);
  }

  @AfterEach
  void stop() {
    engine.shutdown(java.time.Duration.ofSeconds(5));
  }

  private PipelineImage compile(String file) throws IOException {
    byte[] source = Files.readAllBytes(Engines.examples().resolve(file));
    CompileResult r = compiler.compile(source, file.replace(".cst", ""));
    assertThat(r.errors()).as(r.formatErrors()).isEmpty();
    return r.image().orElseThrow();
  }

  @Test
  void everyExampleFileIsCoveredHereAndCompiles() throws IOException {
    List<String> files;
    try (Stream<Path> s = Files.list(Engines.examples())) {
      files =
          s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".cst")).sorted().toList();
    }
    assertThat(files)
        .containsExactlyInAnyOrder(
            "approval.cst",
            "branching.cst",
            "caching.cst",
            "order-enrichment.cst",
            "resilience.cst",
            "text-processing.cst");
    for (String f : files) {
      compile(f);
    }
  }

  @Test
  void textProcessingNormalisesAndDescribesText() throws IOException {
    DataSignature r =
        engine.run(
            compile("text-processing.cst"),
            Map.of("text", CValue.of("  hello constellation world  ")));
    assertThat(r.status()).isEqualTo(PipelineStatus.COMPLETED);
    assertThat(r.outputs())
        .containsEntry("shout", CValue.of("HELLO CONSTELLATION WORLD"))
        .containsEntry("words", CValue.of(3L))
        .containsEntry(
            "summary", CValue.of("HELLO CONSTELLATION WORLD has 3 words and 25 characters"))
        .containsEntry("wordy", CValue.of(true));
  }

  @Test
  void orderEnrichmentMergesCustomerAndTotals() throws IOException {
    PipelineImage image = compile("order-enrichment.cst");
    CType.CProduct orderType = (CType.CProduct) image.dag().inputs().get("order");
    Map<String, CValue> order = new LinkedHashMap<>();
    order.put("id", CValue.of("o-17"));
    order.put("customerId", CValue.of("c-1"));
    order.put("qty", CValue.of(3L));
    order.put("unitPrice", CValue.of(12.5));
    order.put("note", CValue.none(CType.STRING));
    DataSignature r = engine.run(image, Map.of("order", new CValue.CProduct(order, orderType)));
    assertThat(r.status()).as(r.errors().toString()).isEqualTo(PipelineStatus.COMPLETED);
    assertThat(r.outputs()).containsEntry("note", CValue.of("none"));
    CValue.CProduct enriched = (CValue.CProduct) r.outputs().get("enriched");
    assertThat(enriched.fields())
        .containsEntry("id", CValue.of("o-17"))
        .containsEntry("qty", CValue.of(3L))
        .containsEntry("name", CValue.of("Ada Lovelace"))
        .containsEntry("tier", CValue.of("gold"))
        .containsEntry("total", CValue.of(3 * 12.5 * 0.9))
        .doesNotContainKey("customerId");
    assertThat(image.dag().dataNodes().get("order").example()).isPresent();
  }

  @Test
  void resilienceRetriesFallsBackAndSkips() throws IOException {
    DataSignature r = engine.run(compile("resilience.cst"), Map.of("city", CValue.of("Lisbon")));
    assertThat(r.status()).as(r.errors().toString()).isEqualTo(PipelineStatus.COMPLETED);
    assertThat(r.outputs())
        .containsEntry("forecast", CValue.of("sunny in Lisbon"))
        .containsEntry("backup", CValue.of("no forecast available"))
        .containsEntry("score", CValue.of(0L))
        .containsEntry("report", CValue.of("sunny in Lisbon / no forecast available / score 0"));
    assertThat(modules.calls("FlakyForecast")).isEqualTo(3);
    assertThat(modules.calls("BrokenForecast")).isEqualTo(2);
  }

  @Test
  void cachingServesTheSecondRunFromTheCache() throws IOException {
    PipelineImage image = compile("caching.cst");
    DataSignature first = engine.run(image, Map.of("userId", CValue.of("u-42")));
    DataSignature second = engine.run(image, Map.of("userId", CValue.of("u-42")));
    assertThat(first.outputs())
        .containsEntry("greeting", CValue.of("Welcome back, user u-42! Visit number 29."));
    assertThat(second.outputs()).isEqualTo(first.outputs());
    assertThat(modules.calls("ExpensiveProfile")).isEqualTo(1);
  }

  @Test
  void branchingPicksTiersAndCoalescesOptionals() throws IOException {
    PipelineImage image = compile("branching.cst");
    DataSignature high =
        engine.run(
            image, Map.of("score", CValue.of(82L), "nickname", CValue.some(CValue.of("kit"))));
    assertThat(high.outputs())
        .containsEntry("tier", CValue.of("silver"))
        .containsEntry("points", CValue.of(164L))
        .containsEntry("valid", CValue.of(true))
        .containsEntry("headline", CValue.of("kit: silver (high), 164 bonus points"));
    DataSignature low =
        engine.run(image, Map.of("score", CValue.of(12L), "nickname", CValue.none(CType.STRING)));
    assertThat(low.outputs())
        .containsEntry("tier", CValue.of("bronze"))
        .containsEntry("points", CValue.of(0L))
        .containsEntry("headline", CValue.of("anonymous: bronze (normal), 0 bonus points"));
  }

  @Test
  void approvalSuspendsUntilApprovedThenResumesWithoutRecomputing() throws IOException {
    PipelineImage image = compile("approval.cst");
    CType.CProduct requestType = (CType.CProduct) image.dag().inputs().get("request");
    Map<String, CValue> req = new LinkedHashMap<>();
    req.put("requester", CValue.of("dana"));
    req.put("amount", CValue.of(4200L));
    DataSignature suspended =
        engine.run(image, Map.of("request", new CValue.CProduct(req, requestType)));
    assertThat(suspended.status()).isEqualTo(PipelineStatus.SUSPENDED);
    assertThat(suspended.missingInputs()).containsOnlyKeys("approved");
    assertThat(suspended.outputs()).containsEntry("risk", CValue.of(42L));
    assertThat(modules.calls("RiskScore")).isEqualTo(1);

    DataSignature done =
        suspended.suspensionHandle().isPresent()
            ? engine.resume(suspended.suspensionHandle().get(), Map.of("approved", CValue.of(true)))
            : engine.resume(
                suspended.suspendedState().orElseThrow(), Map.of("approved", CValue.of(true)));
    assertThat(done.status()).isEqualTo(PipelineStatus.COMPLETED);
    assertThat(done.outputs())
        .containsEntry("message", CValue.of("Request by dana for 4200: approved (risk 42)"));
    assertThat(done.resumptionCount()).isEqualTo(1);
    assertThat(modules.calls("RiskScore")).isEqualTo(1);
    assertThat(Optional.of(done.structuralHash())).contains(image.structuralHash());
  }
}
