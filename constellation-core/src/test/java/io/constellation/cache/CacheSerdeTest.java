package io.constellation.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.constellation.CodecException;
import io.constellation.type.CType;
import io.constellation.type.CValue;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CacheSerdeTest {
  final CacheSerde serde = CacheSerde.json();

  Object roundTrip(Object value) {
    return serde.decode(serde.encode(value));
  }

  @Test
  void moduleResultsRoundTripWithTheirTypesAndOrder() {
    Map<String, CValue> result = new LinkedHashMap<>();
    result.put("z", CValue.list(CType.optional(CType.INT), List.of()));
    result.put("a", CValue.record(Map.of("n", CValue.of(Long.MIN_VALUE), "f", CValue.of(-0.0))));
    result.put("m", CValue.map(CType.INT, CType.STRING, Map.of(CValue.of(1), CValue.of("ü"))));
    Object back = roundTrip(result);
    assertThat(back).isEqualTo(result);
    assertThat(((Map<?, ?>) back).keySet().stream().map(Object::toString).toList())
        .containsExactly("z", "a", "m");
    assertThat(new String(serde.encode(result), StandardCharsets.UTF_8)).startsWith("{\"v\":1,");
  }

  @Test
  void plainJavaValuesKeepTheirJavaTypes() {
    assertThat(roundTrip("text")).isEqualTo("text");
    assertThat(roundTrip(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
    assertThat(roundTrip(7)).isEqualTo(7).isInstanceOf(Integer.class);
    assertThat(roundTrip(1.0)).isEqualTo(1.0).isInstanceOf(Double.class);
    assertThat(roundTrip(Double.NaN)).isEqualTo(Double.NaN);
    assertThat(roundTrip(false)).isEqualTo(false);
    assertThat(roundTrip(CValue.of("c"))).isEqualTo(CValue.of("c"));
    List<Object> list = List.of(1L, "two", List.of(3.0), Map.of(4, true));
    assertThat(roundTrip(list)).isEqualTo(list);
    assertThat(roundTrip(Map.of())).isEqualTo(Map.of());
    assertThat(roundTrip(List.of())).isEqualTo(List.of());
  }

  @Test
  void unsupportedValuesAreRejectedOnEncode() {
    assertThatThrownBy(() -> serde.encode(List.of(new StringBuilder("x"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("value[0]: cannot cache a java.lang.StringBuilder");
  }

  @Test
  void garbageAndUnknownVersionsAreCodecExceptions() {
    assertThatThrownBy(() -> serde.decode(new byte[] {(byte) 0xff, 0x00, 0x13}))
        .isInstanceOf(CodecException.class);
    assertThatThrownBy(() -> serde.decode("[]".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("not a JSON object");
    assertThatThrownBy(
            () -> serde.decode("{\"v\":2,\"value\":{}}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(CodecException.class)
        .hasMessage("$.v: unsupported cache format version 2 (this build reads version 1)");
    assertThatThrownBy(
            () ->
                serde.decode(
                    "{\"v\":1,\"value\":{\"t\":\"cvalues\",\"v\":{\"x\":{\"tag\":\"CInt\",\"value\":\"1\"}}}}"
                        .getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(CodecException.class)
        .hasMessage("$.value.v.x.value: expected a 64-bit integer but was \"1\"");
    assertThatThrownBy(
            () ->
                serde.decode(
                    "{\"v\":1,\"value\":{\"t\":\"blob\",\"v\":1}}"
                        .getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(CodecException.class)
        .hasMessage("$.value.t: unknown kind \"blob\"");
    assertThatThrownBy(() -> serde.decode(new byte[0])).isInstanceOf(CodecException.class);
  }
}
