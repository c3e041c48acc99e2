package io.constellation.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.constellation.CodecException;
import io.constellation.type.CType;
import io.constellation.type.CValue;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

public class PipelineImageCodecTest {
  static final ObjectMapper MAPPER = new ObjectMapper();

  /** A two-call DAG with every call option set on the first call. */
  public static DagSpec sampleDag() {
    CType.CProduct stats = CType.product(Map.of("words", CType.INT, "ratio", CType.FLOAT));
    Map<String, DataNode> data = new LinkedHashMap<>();
    data.put("text", new DataNode("text", CType.STRING, Optional.of(CValue.of("héllo \"wörld\""))));
    data.put("limits", new DataNode("limits", CType.map(CType.INT, CType.list(CType.STRING))));
    data.put("upper", new DataNode("upper", CType.STRING));
    data.put("stats", new DataNode("stats", stats));
    data.put("stats.extra", new DataNode("stats.extra", CType.optional(CType.INT)));
    CallOptions full =
        CallOptions.builder()
            .retry(3)
            .delay(Duration.ofMillis(150))
            .backoff(Backoff.EXPONENTIAL)
            .maxDelay(Duration.ofSeconds(5))
            .timeout(Duration.ofNanos(2_500_000_001L))
            .fallback(CValue.of("n/a"))
            .cache(Duration.ofMinutes(15))
            .cacheBackend("redis")
            .throttle(100, Duration.ofMinutes(1))
            .concurrency(4)
            .onError(ErrorStrategy.LOG)
            .priority("high")
            .build();
    List<DagNode> nodes =
        List.of(
            new ModuleNode(
                "upper", "Uppercase", Map.of("text", "text"), Map.of("result", "upper"), full),
            new ModuleNode(
                "stats",
                "Stats",
                Map.of("text", "upper", "limits", "limits"),
                Map.of("stats", "stats", "extra", "stats.extra"),
                CallOptions.builder().onError(ErrorStrategy.SKIP).priority(0).build()));
    return new DagSpec("text-pipeline", data, nodes, Map.of("upper", "upper", "stats", "stats"));
  }

  public static PipelineImage sampleImage() {
    DagSpec dag = sampleDag();
    return new PipelineImage(
        PipelineImage.structuralHashOf(dag),
        Optional.of("ab".repeat(32)),
        "cd".repeat(32),
        dag,
        Instant.parse("2025-03-04T05:06:07.123456789Z"));
  }

  @Test
  void imagesRoundTripWithEveryCallOption() {
    PipelineImage image = sampleImage();
    String json = PipelineImageCodec.toJson(image);
    PipelineImage back = PipelineImageCodec.fromJson(json);
    assertThat(back).isEqualTo(image);
    assertThat(back.dag().moduleNodes().get(0).options())
        .isEqualTo(image.dag().moduleNodes().get(0).options());
    assertThat(back.dag().dataNodes().keySet())
        .containsExactlyElementsOf(image.dag().dataNodes().keySet());
    assertThat(back.dag().dataNodes().get("text").example()).contains(CValue.of("héllo \"wörld\""));
    assertThat(PipelineImageCodec.toJson(back)).isEqualTo(json);
    assertThat(json).startsWith("{\"formatVersion\":1,");
  }

  @Test
  void imagesWithoutSyntacticHashRoundTrip() {
    DagSpec dag = sampleDag();
    PipelineImage image =
        new PipelineImage(
            PipelineImage.structuralHashOf(dag), Optional.empty(), "r", dag, Instant.EPOCH);
    assertThat(PipelineImageCodec.fromJson(PipelineImageCodec.toJson(image))).isEqualTo(image);
  }

  @Test
  void absentOptionsTakeTheDefaults() throws Exception {
    ObjectNode json = tree(sampleImage());
    ObjectNode second = (ObjectNode) json.at("/dag/nodes/1");
    second.remove("options");
    second.putObject("options").put("onError", "skip").put("priority", 0);
    PipelineImage back = PipelineImageCodec.fromJson(json.toString());
    assertThat(back.dag().moduleNodes().get(1).options())
        .isEqualTo(CallOptions.builder().onError(ErrorStrategy.SKIP).priority(0).build());
  }

  @Test
  void aModifiedImageIsRefusedByItsStructuralHash() throws Exception {
    ObjectNode json = tree(sampleImage());
    ((ObjectNode) json.at("/dag/nodes/0/options")).put("retry", 4);
    assertThatThrownBy(() -> PipelineImageCodec.fromJson(json.toString()))
        .isInstanceOf(CodecException.class)
        .hasMessageStartingWith("$.structuralHash: stored hash " + sampleImage().structuralHash())
        .hasMessageContaining("does not match the pipeline's structure")
        .hasMessageContaining("modified or corrupted");
    ObjectNode renamed = tree(sampleImage());
    ((ObjectNode) renamed.get("dag")).put("name", "another-name");
    assertThat(PipelineImageCodec.fromJson(renamed.toString()).name()).isEqualTo("another-name");
  }

  @Test
  void badImagesNameTheJsonPath() throws Exception {
    ObjectNode v2 = tree(sampleImage()).put("formatVersion", 2);
    assertThatThrownBy(() -> PipelineImageCodec.fromJson(v2.toString()))
        .isInstanceOf(CodecException.class)
        .hasMessage(
            "$.formatVersion: unsupported pipeline image format version 2 (this build reads version"
                + " 1)");

    ObjectNode badBackoff = tree(sampleImage());
    ((ObjectNode) badBackoff.at("/dag/nodes/0/options")).put("backoff", "sometimes");
    assertThatThrownBy(() -> PipelineImageCodec.fromJson(badBackoff.toString()))
        .isInstanceOf(CodecException.class)
        .hasMessage(
            "$.dag.nodes[0].options.backoff: unknown value \"sometimes\" (expected one of [FIXED,"
                + " LINEAR, EXPONENTIAL])");

    ObjectNode badRetry = tree(sampleImage());
    ((ObjectNode) badRetry.at("/dag/nodes/0/options")).put("retry", -1);
    assertThatThrownBy(() -> PipelineImageCodec.fromJson(badRetry.toString()))
        .isInstanceOf(CodecException.class)
        .hasMessage("$.dag.nodes[0].options: retry must be >= 0, was -1");

    ObjectNode badDuration = tree(sampleImage());
    ((ObjectNode) badDuration.at("/dag/nodes/0/options/throttle")).put("period", "1 minute");
    assertThatThrownBy(() -> PipelineImageCodec.fromJson(badDuration.toString()))
        .isInstanceOf(CodecException.class)
        .hasMessage(
            "$.dag.nodes[0].options.throttle.period: expected an ISO-8601 duration such as"
                + " \"PT1.5S\" but was \"1 minute\"");

    ObjectNode badType = tree(sampleImage());
    ((ObjectNode) badType.at("/dag/dataNodes/1/type/valuesType")).put("tag", "CSet");
    assertThatThrownBy(() -> PipelineImageCodec.fromJson(badType.toString()))
        .isInstanceOf(CodecException.class)
        .hasMessageStartingWith(
            "$.dag.dataNodes[1].type.valuesType.tag: unknown type tag \"CSet\"");

    ObjectNode dangling = tree(sampleImage());
    ((ObjectNode) dangling.at("/dag/outputs")).put("ghost", "nowhere");
    assertThatThrownBy(() -> PipelineImageCodec.fromJson(dangling.toString()))
        .isInstanceOf(CodecException.class)
        .hasMessageStartingWith("$.dag: pipeline 'text-pipeline' is invalid")
        .hasMessageContaining("output 'ghost' refers to unknown data node 'nowhere'");

    ObjectNode kind = tree(sampleImage());
    ((ObjectNode) kind.at("/dag/nodes/1")).put("kind", "lambda");
    assertThatThrownBy(() -> PipelineImageCodec.fromJson(kind.toString()))
        .isInstanceOf(CodecException.class)
        .hasMessage(
            "$.dag.nodes[1].kind: unknown node kind \"lambda\" (expected module or expression)");

    ObjectNode noId = tree(sampleImage());
    ((ObjectNode) noId.at("/dag/nodes/1")).remove("id");
    assertThatThrownBy(() -> PipelineImageCodec.fromJson(noId.toString()))
        .isInstanceOf(CodecException.class)
        .hasMessage("$.dag.nodes[1]: missing field \"id\"");

    ObjectNode extra = tree(sampleImage()).put("signature", "x");
    assertThatThrownBy(() -> PipelineImageCodec.fromJson(extra.toString()))
        .isInstanceOf(CodecException.class)
        .hasMessageStartingWith("$.signature: unknown field");

    ObjectNode badExample = tree(sampleImage());
    ((ObjectNode) badExample.at("/dag/dataNodes/0"))
        .set("example", MAPPER.readTree("{\"tag\":\"CInt\",\"value\":1}"));
    assertThatThrownBy(() -> PipelineImageCodec.fromJson(badExample.toString()))
        .isInstanceOf(CodecException.class)
        .hasMessage("$.dag.dataNodes[0].example: example has type Int but the data node is String");

    assertThatThrownBy(() -> PipelineImageCodec.fromJson("{\"formatVersion\":1,"))
        .isInstanceOf(CodecException.class)
        .hasMessageStartingWith("pipeline image is not valid JSON at line 1");
  }

  static ObjectNode tree(PipelineImage image) throws Exception {
    return (ObjectNode) MAPPER.readTree(PipelineImageCodec.toJson(image));
  }
}
