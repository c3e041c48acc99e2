package io.constellation.suspension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.constellation.CodecException;
import io.constellation.pipeline.PipelineImageCodecTest;
import io.constellation.type.CType;
import io.constellation.type.CValue;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SuspensionCodecTest {
  static final ObjectMapper MAPPER = new ObjectMapper();

  static SuspendedExecution sample(Optional<Instant> lastResumedAt) {
    Map<String, CValue> computed = new LinkedHashMap<>();
    computed.put("upper", CValue.of("HÉLLO"));
    computed.put("stats.extra", CValue.none(CType.INT));
    return new SuspendedExecution(
        UUID.fromString("6f1c2a4e-1b2c-4d5e-8f90-123456789abc"),
        PipelineImageCodecTest.sampleImage(),
        Map.of("text", CValue.of("héllo")),
        computed,
        Map.of("limits", CType.map(CType.INT, CType.list(CType.STRING))),
        2,
        Instant.parse("2025-01-02T03:04:05Z"),
        lastResumedAt);
  }

  @Test
  void suspensionsRoundTrip() {
    for (Optional<Instant> last :
        List.of(Optional.<Instant>empty(), Optional.of(Instant.parse("2025-01-03T00:00:00.5Z")))) {
      SuspendedExecution s = sample(last);
      String json = SuspensionCodec.toJson(s);
      assertThat(json).startsWith("{\"formatVersion\":1,");
      SuspendedExecution back = SuspensionCodec.fromJson(json);
      assertThat(back).isEqualTo(s);
      assertThat(back.computedValues().keySet()).containsExactly("upper", "stats.extra");
    }
  }

  @Test
  void aFutureFormatVersionIsRefusedNamingTheSupportedOne() throws Exception {
    ObjectNode json =
        (ObjectNode) MAPPER.readTree(SuspensionCodec.toJson(sample(Optional.empty())));
    json.put("formatVersion", 2);
    assertThatThrownBy(() -> SuspensionCodec.fromJson(json.toString()))
        .isInstanceOf(CodecException.class)
        .hasMessage(
            "$.formatVersion: unsupported suspension format version 2 (this build reads version"
                + " 1)");
    json.remove("formatVersion");
    assertThatThrownBy(() -> SuspensionCodec.fromJson(json.toString()))
        .isInstanceOf(CodecException.class)
        .hasMessage("$: missing field \"formatVersion\"");
  }

  @Test
  void problemsInsideTheDocumentNameTheirPath() throws Exception {
    ObjectNode badValue =
        (ObjectNode) MAPPER.readTree(SuspensionCodec.toJson(sample(Optional.empty())));
    ((ObjectNode) badValue.at("/computedValues/upper")).put("tag", "CText");
    assertThatThrownBy(() -> SuspensionCodec.fromJson(badValue.toString()))
        .isInstanceOf(CodecException.class)
        .hasMessageStartingWith("$.computedValues.upper.tag: unknown value tag \"CText\"");

    ObjectNode tampered =
        (ObjectNode) MAPPER.readTree(SuspensionCodec.toJson(sample(Optional.empty())));
    ((ObjectNode) tampered.at("/image/dag/nodes/0")).put("module", "Lowercase");
    assertThatThrownBy(() -> SuspensionCodec.fromJson(tampered.toString()))
        .isInstanceOf(CodecException.class)
        .hasMessageStartingWith("$.image.structuralHash: stored hash");

    ObjectNode badId =
        (ObjectNode) MAPPER.readTree(SuspensionCodec.toJson(sample(Optional.empty())));
    badId.put("executionId", "not-a-uuid");
    assertThatThrownBy(() -> SuspensionCodec.fromJson(badId.toString()))
        .isInstanceOf(CodecException.class)
        .hasMessage("$.executionId: expected a UUID but was \"not-a-uuid\"");

    ObjectNode badCount =
        (ObjectNode) MAPPER.readTree(SuspensionCodec.toJson(sample(Optional.empty())));
    badCount.put("resumptionCount", "two");
    assertThatThrownBy(() -> SuspensionCodec.fromJson(badCount.toString()))
        .isInstanceOf(CodecException.class)
        .hasMessage("$.resumptionCount: expected an integer but was \"two\"");

    ObjectNode badTime =
        (ObjectNode) MAPPER.readTree(SuspensionCodec.toJson(sample(Optional.empty())));
    badTime.put("lastResumedAt", "yesterday");
    assertThatThrownBy(() -> SuspensionCodec.fromJson(badTime.toString()))
        .isInstanceOf(CodecException.class)
        .hasMessage("$.lastResumedAt: expected an ISO-8601 instant but was \"yesterday\"");
  }
}
