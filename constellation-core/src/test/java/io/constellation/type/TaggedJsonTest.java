package io.constellation.type;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.constellation.CodecException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TaggedJsonTest {

  static final CType.CProduct ITEM =
      CType.product(ordered("sku", CType.STRING, "qty", CType.INT, "price", CType.FLOAT));
  static final CType.CUnion RESULT = CType.union(ordered("ok", CType.INT, "error", CType.STRING));

  static Map<String, CType> ordered(Object... kv) {
    Map<String, CType> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], (CType) kv[i + 1]);
    }
    return m;
  }

  static CValue item(String sku, long qty, double price) {
    Map<String, CValue> f = new LinkedHashMap<>();
    f.put("sku", CValue.of(sku));
    f.put("qty", CValue.of(qty));
    f.put("price", CValue.of(price));
    return new CValue.CProduct(f, ITEM);
  }

  static Stream<Arguments> values() {
    CValue nested =
        CValue.record(
            Map.of(
                "items", CValue.list(ITEM, List.of(item("a", 1, 2.5), item("b", 2, 0.1))),
                "note", CValue.some(CValue.of("fragile")),
                "result", new CValue.CUnion("error", CValue.of("boom"), RESULT)));
    return Stream.of(
        Arguments.of("string", CValue.of("hello")),
        Arguments.of("unicode and escapes", CValue.of("é漢字🚀 \"q\" \\ \n\t\u0000")),
        Arguments.of("empty string", CValue.of("")),
        Arguments.of("Long.MAX_VALUE", CValue.of(Long.MAX_VALUE)),
        Arguments.of("Long.MIN_VALUE", CValue.of(Long.MIN_VALUE)),
        Arguments.of("float", CValue.of(3.25)),
        Arguments.of("integral float", CValue.of(1.0)),
        Arguments.of("negative zero", CValue.of(-0.0)),
        Arguments.of("NaN", CValue.of(Double.NaN)),
        Arguments.of("infinity", CValue.of(Double.NEGATIVE_INFINITY)),
        Arguments.of("tiny float", CValue.of(Double.MIN_VALUE)),
        Arguments.of("boolean", CValue.of(true)),
        Arguments.of("empty list keeps elem type", CValue.list(CType.list(CType.INT), List.of())),
        Arguments.of("list", CValue.ofLongs(List.of(3L, 1L, 2L))),
        Arguments.of(
            "map with non-string keys",
            CValue.map(
                CType.INT,
                CType.list(CType.STRING),
                Map.of(
                    CValue.of(1),
                    CValue.ofStrings(List.of("x")),
                    CValue.of(2),
                    CValue.ofStrings(List.of())))),
        Arguments.of(
            "map with record keys",
            CValue.map(ITEM, CType.BOOLEAN, Map.of(item("k", 1, 1), CValue.of(false)))),
        Arguments.of("record", item("sku-1", 4, 9.99)),
        Arguments.of("union", new CValue.CUnion("ok", CValue.of(7), RESULT)),
        Arguments.of("some", CValue.some(CValue.of(1.5))),
        Arguments.of("none of a record", CValue.none(ITEM)),
        Arguments.of("nested optional", CValue.some(CValue.none(CType.STRING))),
        Arguments.of("nested records, unions and optionals", nested));
  }

  @ParameterizedTest(name = "{0} round-trips")
  @MethodSource("values")
  void everyValueKindRoundTripsExactly(String name, CValue value) {
    CValue back = TaggedJson.valueFromString(TaggedJson.valueToString(value));
    assertThat(back).isEqualTo(value);
    assertThat(back.type()).isEqualTo(value.type());
    assertThat(TaggedJson.readValue(TaggedJson.writeValue(value))).isEqualTo(value);
  }

  @ParameterizedTest(name = "type of {0} round-trips")
  @MethodSource("values")
  void everyTypeRoundTrips(String name, CValue value) {
    CType type = value.type();
    assertThat(TaggedJson.typeFromString(TaggedJson.typeToString(type))).isEqualTo(type);
  }

  @Test
  void intStaysIntAndFloatStaysFloat() {
    assertThat(TaggedJson.valueFromString(TaggedJson.valueToString(CValue.of(1.0))))
        .isInstanceOf(CValue.CFloat.class);
    assertThat(TaggedJson.valueFromString(TaggedJson.valueToString(CValue.of(1))))
        .isInstanceOf(CValue.CInt.class);
    CValue negZero = TaggedJson.valueFromString(TaggedJson.valueToString(CValue.of(-0.0)));
    assertThat(Double.doubleToRawLongBits(((CValue.CFloat) negZero).value()))
        .isEqualTo(Double.doubleToRawLongBits(-0.0));
  }

  @Test
  void writesTheDocumentedShapes() {
    assertThat(TaggedJson.valueToString(CValue.of("x")))
        .isEqualTo("{\"tag\":\"CString\",\"value\":\"x\"}");
    assertThat(TaggedJson.valueToString(CValue.ofLongs(List.of(1L))))
        .isEqualTo(
            "{\"tag\":\"CList\",\"value\":[{\"tag\":\"CInt\",\"value\":1}],\"subtype\":{\"tag\":\"CInt\"}}");
    assertThat(
            TaggedJson.valueToString(
                CValue.map(CType.STRING, CType.BOOLEAN, Map.of(CValue.of("k"), CValue.of(true)))))
        .isEqualTo(
            "{\"tag\":\"CMap\",\"value\":[{\"key\":{\"tag\":\"CString\",\"value\":\"k\"},"
                + "\"value\":{\"tag\":\"CBoolean\",\"value\":true}}],"
                + "\"keysType\":{\"tag\":\"CString\"},\"valuesType\":{\"tag\":\"CBoolean\"}}");
    assertThat(TaggedJson.valueToString(new CValue.CUnion("ok", CValue.of(7), RESULT)))
        .isEqualTo(
            "{\"tag\":\"CUnion\",\"value\":{\"tag\":\"CInt\",\"value\":7},"
                + "\"structure\":{\"ok\":{\"tag\":\"CInt\"},\"error\":{\"tag\":\"CString\"}},"
                + "\"unionTag\":\"ok\"}");
    assertThat(TaggedJson.valueToString(CValue.some(CValue.of(true))))
        .isEqualTo(
            "{\"tag\":\"CSome\",\"value\":{\"tag\":\"CBoolean\",\"value\":true},\"innerType\":{\"tag\":\"CBoolean\"}}");
    assertThat(TaggedJson.valueToString(CValue.none(CType.INT)))
        .isEqualTo("{\"tag\":\"CNone\",\"innerType\":{\"tag\":\"CInt\"}}");
    assertThat(TaggedJson.typeToString(CType.map(CType.STRING, CType.optional(CType.FLOAT))))
        .isEqualTo(
            "{\"tag\":\"CMap\",\"keysType\":{\"tag\":\"CString\"},"
                + "\"valuesType\":{\"tag\":\"COptional\",\"innerType\":{\"tag\":\"CFloat\"}}}");
    assertThat(TaggedJson.typeToString(CType.list(ITEM)))
        .isEqualTo(
            "{\"tag\":\"CList\",\"valuesType\":{\"tag\":\"CProduct\",\"structure\":"
                + "{\"sku\":{\"tag\":\"CString\"},\"qty\":{\"tag\":\"CInt\"},\"price\":{\"tag\":\"CFloat\"}}}}");
  }

  @Test
  void recordFieldOrderIsPreserved() {
    CValue v = item("a", 1, 2);
    JsonNode json = TaggedJson.writeValue(v);
    assertThat(fieldNames(json.get("value"))).containsExactly("sku", "qty", "price");
    CValue.CProduct back = (CValue.CProduct) TaggedJson.readValue(json);
    assertThat(back.fields().keySet()).containsExactly("sku", "qty", "price");
    assertThat(back.structure().fields().keySet()).containsExactly("sku", "qty", "price");
  }

  static List<String> fieldNames(JsonNode node) {
    List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  static Stream<Arguments> badDocuments() {
    String intT = "{\"tag\":\"CInt\"}";
    return Stream.of(
        Arguments.of("{\"value\":1}", "$: missing field \"tag\""),
        Arguments.of("{\"tag\":\"CBogus\",\"value\":1}", "$.tag: unknown value tag \"CBogus\""),
        Arguments.of("{\"tag\":\"CInt\"}", "$: missing field \"value\""),
        Arguments.of(
            "{\"tag\":\"CInt\",\"value\":\"7\"}",
            "$.value: expected a 64-bit integer but was \"7\""),
        Arguments.of(
            "{\"tag\":\"CInt\",\"value\":1.5}", "$.value: expected a 64-bit integer but was 1.5"),
        Arguments.of(
            "{\"tag\":\"CInt\",\"value\":9223372036854775808}",
            "$.value: expected a 64-bit integer but was 9223372036854775808"),
        Arguments.of("{\"tag\":\"CString\",\"value\":3}", "$.value: expected a string but was 3"),
        Arguments.of(
            "{\"tag\":\"CBoolean\",\"value\":\"yes\"}",
            "$.value: expected true or false but was \"yes\""),
        Arguments.of("[1,2]", "$: expected an object but was an array"),
        Arguments.of(
            "{\"tag\":\"CList\",\"value\":[{\"tag\":\"CInt\",\"value\":1},{\"tag\":\"CString\",\"value\":\"x\"}],\"subtype\":"
                + intT
                + "}",
            "$.value[1]: value has type String but Int was declared"),
        Arguments.of(
            "{\"tag\":\"CList\",\"value\":[],\"subtype\":{\"tag\":\"CProduct\",\"structure\":{\"qty\":{}}}}",
            "$.subtype.structure.qty: missing field \"tag\""),
        Arguments.of(
            "{\"tag\":\"CList\",\"value\":[1,2,{\"tag\":\"CProduct\",\"value\":{},\"structure\":{\"qty\":{\"tog\":1}}}],\"subtype\":"
                + intT
                + "}",
            "$.value[0]: expected an object but was 1"),
        Arguments.of(
            "{\"tag\":\"CList\",\"value\":["
                + item()
                + ","
                + item()
                + ",{\"tag\":\"CProduct\",\"value\":{},\"structure\":{\"qty\":{\"tog\":1}}}],\"subtype\":"
                + intT
                + "}",
            "$.value[2].structure.qty: missing field \"tag\""),
        Arguments.of("{\"tag\":\"CList\",\"value\":[]}", "$: missing field \"subtype\""),
        Arguments.of(
            "{\"tag\":\"CList\",\"value\":{},\"subtype\":" + intT + "}",
            "$.value: expected an array but was an object"),
        Arguments.of(
            "{\"tag\":\"CProduct\",\"value\":{\"a\":{\"tag\":\"CInt\",\"value\":1}},\"structure\":{\"a\":"
                + intT
                + ",\"b\":"
                + intT
                + "}}",
            "$.value: missing field \"b\" declared in structure"),
        Arguments.of(
            "{\"tag\":\"CProduct\",\"value\":{\"a\":{\"tag\":\"CInt\",\"value\":1},\"zz\":{\"tag\":\"CInt\",\"value\":1}},\"structure\":{\"a\":"
                + intT
                + "}}",
            "$.value.zz: field is not declared in structure"),
        Arguments.of(
            "{\"tag\":\"CUnion\",\"value\":{\"tag\":\"CInt\",\"value\":1},\"structure\":{\"ok\":"
                + intT
                + "},\"unionTag\":\"nope\"}",
            "$.unionTag: union tag \"nope\" is not one of [ok]"),
        Arguments.of(
            "{\"tag\":\"CMap\",\"value\":[{\"key\":{\"tag\":\"CInt\",\"value\":1}}],\"keysType\":"
                + intT
                + ",\"valuesType\":"
                + intT
                + "}",
            "$.value[0]: missing field \"value\""),
        Arguments.of(
            "{\"tag\":\"CMap\",\"value\":[{\"key\":{\"tag\":\"CInt\",\"value\":1},\"value\":{\"tag\":\"CInt\",\"value\":1}},"
                + "{\"key\":{\"tag\":\"CInt\",\"value\":1},\"value\":{\"tag\":\"CInt\",\"value\":2}}],\"keysType\":"
                + intT
                + ",\"valuesType\":"
                + intT
                + "}",
            "$.value[1].key: duplicate map key 1"),
        Arguments.of(
            "{\"tag\":\"CSome\",\"value\":{\"tag\":\"CInt\",\"value\":1},\"innerType\":{\"tag\":\"COptionalX\"}}",
            "$.innerType.tag: unknown type tag \"COptionalX\""),
        Arguments.of(
            "{\"tag\":\"CFloat\",\"value\":\"fast\"}",
            "$.value: expected a number, \"NaN\", \"Infinity\" or \"-Infinity\" but was \"fast\""),
        Arguments.of("{\"tag\":", "document is not valid JSON at line 1"),
        Arguments.of(
            "{\"tag\":\"CInt\",\"value\":1} {}", "document is not valid JSON at line 1, column"),
        Arguments.of(
            "{\"tag\":\"CInt\",\"value\":1,\"value\":2}",
            "document is not valid JSON at line 1, column 32: Duplicate field 'value'"));
  }

  private static String item() {
    return "{\"tag\":\"CInt\",\"value\":1}";
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("badDocuments")
  void badDocumentsAreRejectedWithTheirJsonPath(String json, String message) {
    assertThatThrownBy(() -> TaggedJson.valueFromString(json))
        .isInstanceOf(CodecException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void badTypeDocumentsNameTheirPath() {
    assertThatThrownBy(
            () ->
                TaggedJson.typeFromString("{\"tag\":\"CMap\",\"keysType\":{\"tag\":\"CString\"}}"))
        .isInstanceOf(CodecException.class)
        .hasMessage("$: missing field \"valuesType\"");
    assertThatThrownBy(
            () ->
                TaggedJson.typeFromString(
                    "{\"tag\":\"CUnion\",\"structure\":{\"a b\":{\"tag\":7}}}"))
        .isInstanceOf(CodecException.class)
        .hasMessage("$.structure[\"a b\"].tag: expected a string but was 7");
  }

  @Test
  void embeddedReadsPrefixTheCallersPath() {
    JsonNode bad = TaggedJson.writeType(CType.INT);
    assertThatThrownBy(() -> TaggedJson.readValue(bad, "$.inputs.qty"))
        .isInstanceOf(CodecException.class)
        .hasMessage("$.inputs.qty: missing field \"value\"");
  }
}
