package io.constellation.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.constellation.type.CType;
import io.constellation.type.CValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CacheKeyGeneratorTest {

  static String key(Map<String, CValue> inputs) {
    return CacheKeyGenerator.forModuleResult("Enrich", "1.0", inputs);
  }

  static Map<String, CValue> ordered(Object... kv) {
    Map<String, CValue> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], (CValue) kv[i + 1]);
    }
    return m;
  }

  @Test
  void keysAreUrlSafeBase64OfSha256WithoutPadding() {
    String k = key(Map.of("x", CValue.of(1)));
    assertThat(k).hasSize(43).matches("[A-Za-z0-9_-]+");
    assertThat(key(Map.of("x", CValue.of(1)))).isEqualTo(k);
  }

  @Test
  void inputOrderRecordFieldOrderAndMapEntryOrderDoNotMatter() {
    assertThat(key(ordered("a", CValue.of(1), "b", CValue.of("x"))))
        .isEqualTo(key(ordered("b", CValue.of("x"), "a", CValue.of(1))));
    CValue r1 = CValue.record(ordered("city", CValue.of("Paris"), "zip", CValue.of(75001)));
    CValue r2 = CValue.record(ordered("zip", CValue.of(75001), "city", CValue.of("Paris")));
    assertThat(key(Map.of("r", r1))).isEqualTo(key(Map.of("r", r2)));
    Map<CValue, CValue> m1 = new LinkedHashMap<>();
    m1.put(CValue.of("a"), CValue.of(1));
    m1.put(CValue.of("b"), CValue.of(2));
    Map<CValue, CValue> m2 = new LinkedHashMap<>();
    m2.put(CValue.of("b"), CValue.of(2));
    m2.put(CValue.of("a"), CValue.of(1));
    assertThat(key(Map.of("m", CValue.map(CType.STRING, CType.INT, m1))))
        .isEqualTo(key(Map.of("m", CValue.map(CType.STRING, CType.INT, m2))));
  }

  @Test
  void listOrderVersionNameAndKindsMatter() {
    String base = key(Map.of("l", CValue.ofLongs(List.of(1L, 2L))));
    assertThat(key(Map.of("l", CValue.ofLongs(List.of(2L, 1L))))).isNotEqualTo(base);
    Map<String, CValue> in = Map.of("x", CValue.of(1));
    assertThat(CacheKeyGenerator.forModuleResult("Enrich", "1.1", in))
        .isNotEqualTo(CacheKeyGenerator.forModuleResult("Enrich", "1.0", in));
    assertThat(CacheKeyGenerator.forModuleResult("Enrich2", "1.0", in))
        .isNotEqualTo(CacheKeyGenerator.forModuleResult("Enrich", "1.0", in));
    List<String> kinds =
        List.of(
            key(Map.of("x", CValue.of(1))),
            key(Map.of("x", CValue.of(1.0))),
            key(Map.of("x", CValue.of("1"))),
            key(Map.of("x", CValue.some(CValue.of(1)))),
            key(Map.of("x", CValue.ofLongs(List.of(1L)))),
            key(Map.of("x", CValue.list(CType.STRING, List.of()))),
            key(Map.of("x", CValue.list(CType.INT, List.of()))));
    assertThat(kinds).doesNotHaveDuplicates();
    assertThat(key(Map.of("x", CValue.of(1)))).isNotEqualTo(key(Map.of("y", CValue.of(1))));
  }

  @Test
  void namesAndStringsCannotCollideByConcatenation() {
    assertThat(key(ordered("a", CValue.of("b\"c"))))
        .isNotEqualTo(key(ordered("a", CValue.of("b"), "c", CValue.of(""))));
    assertThat(CacheKeyGenerator.forModuleResult("a\"", "1", Map.of()))
        .isNotEqualTo(CacheKeyGenerator.forModuleResult("a", "\"1", Map.of()));
    assertThat(CacheKeyGenerator.canonicalText("M", "2", Map.of("q\n", CValue.of(1))))
        .isEqualTo("constellation-cache/1\nmodule \"M\"\nversion \"2\"\ninput \"q\\n\"=i1\n");
  }
}
