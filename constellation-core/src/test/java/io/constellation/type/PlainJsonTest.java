package io.constellation.type;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.constellation.InputValidationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlainJsonTest {
  static final ObjectMapper MAPPER = new ObjectMapper();

  static final CType.CProduct ITEM =
      CType.product(TaggedJsonTest.ordered("sku", CType.STRING, "qty", CType.INT));
  static final CType.CUnion PAYMENT =
      CType.union(TaggedJsonTest.ordered("card", CType.STRING, "points", CType.INT));
  static final CType.CProduct ORDER =
      CType.product(
          TaggedJsonTest.ordered(
              "id", CType.INT,
              "items", CType.list(ITEM),
              "note", CType.optional(CType.STRING),
              "weights", CType.map(CType.STRING, CType.FLOAT),
              "byCode", CType.map(CType.INT, CType.BOOLEAN),
              "payment", PAYMENT));

  static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void readsEveryKindAgainstTheExpectedType() {
    CValue v =
        PlainJson.read(
            json(
                "{\"id\":7,\"items\":[{\"sku\":\"a\",\"qty\":2}],\"weights\":{\"x\":1,\"y\":0.5},"
                    + "\"byCode\":[{\"key\":3,\"value\":true}],\"payment\":{\"tag\":\"points\",\"value\":40}}"),
            ORDER);
    CValue.CProduct order = (CValue.CProduct) v;
    assertThat(order.fields().get("id")).isEqualTo(CValue.of(7));
    assertThat(order.fields().get("note")).isEqualTo(CValue.none(CType.STRING));
    assertThat(order.fields().get("weights"))
        .isEqualTo(
            CValue.map(
                CType.STRING,
                CType.FLOAT,
                Map.of(CValue.of("x"), CValue.of(1.0), CValue.of("y"), CValue.of(0.5))));
    assertThat(order.fields().get("byCode"))
        .isEqualTo(CValue.map(CType.INT, CType.BOOLEAN, Map.of(CValue.of(3), CValue.of(true))));
    assertThat(order.fields().get("payment"))
        .isEqualTo(new CValue.CUnion("points", CValue.of(40), PAYMENT));
    assertThat(PlainJson.read(json("null"), CType.optional(CType.INT)))
        .isEqualTo(CValue.none(CType.INT));
    assertThat(PlainJson.read(json("5"), CType.optional(CType.INT)))
        .isEqualTo(CValue.some(CValue.of(5)));
    assertThat(PlainJson.read(json("-9223372036854775808"), CType.INT))
        .isEqualTo(CValue.of(Long.MIN_VALUE));
  }

  @Test
  void writeThenReadGivesTheSameValue() {
    Map<String, CValue> fields = new LinkedHashMap<>();
    fields.put("id", CValue.of(Long.MAX_VALUE));
    fields.put("items", CValue.list(ITEM, List.of()));
    fields.put("note", CValue.some(CValue.of("ünïcödé \"quoted\"")));
    fields.put(
        "weights", CValue.map(CType.STRING, CType.FLOAT, Map.of(CValue.of("w"), CValue.of(2.0))));
    fields.put(
        "byCode", CValue.map(CType.INT, CType.BOOLEAN, Map.of(CValue.of(-1), CValue.of(false))));
    fields.put("payment", new CValue.CUnion("card", CValue.of("visa"), PAYMENT));
    CValue order = new CValue.CProduct(fields, ORDER);
    JsonNode written = PlainJson.write(order);
    assertThat(written.toString())
        .isEqualTo(
            "{\"id\":9223372036854775807,\"items\":[],\"note\":\"ünïcödé \\\"quoted\\\"\","
                + "\"weights\":{\"w\":2.0},\"byCode\":[{\"key\":-1,\"value\":false}],"
                + "\"payment\":{\"tag\":\"card\",\"value\":\"visa\"}}");
    assertThat(PlainJson.read(written, ORDER)).isEqualTo(order);
  }

  @Test
  void intRejectsEveryFloatTokenButFloatAcceptsIntegers() {
    assertThat(PlainJson.read(json("3"), CType.FLOAT)).isEqualTo(CValue.of(3.0));
    for (String bad : List.of("1.0", "1e3", "\"1\"", "true", "9223372036854775808")) {
      InputValidationException e =
          catchThrowableOfType(
              InputValidationException.class, () -> PlainJson.read(json(bad), CType.INT, "n"));
      assertThat(e.problems()).as(bad).hasSize(1);
      assertThat(e.problems().get(0)).startsWith("n: ");
    }
  }

  @Test
  void everyBadFieldIsReportedAtOnceWithItsPath() {
    JsonNode input =
        json(
            "{\"order\":{\"id\":1.5,\"items\":[{\"sku\":\"a\",\"qty\":1},{\"sku\":2,\"qty\":1},"
                + "{\"sku\":\"c\",\"qty\":\"x\"}],\"note\":false,\"weights\":{\"w\":\"heavy\"},"
                + "\"byCode\":{\"1\":true},\"payment\":{\"tag\":\"cash\",\"value\":1},\"extra\":0},"
                + "\"count\":null,\"mystery\":1}");
    Map<String, CType> expected = new LinkedHashMap<>();
    expected.put("order", ORDER);
    expected.put("count", CType.INT);
    InputValidationException e =
        catchThrowableOfType(
            InputValidationException.class, () -> PlainJson.readInputs(input, expected));
    assertThat(e.problems())
        .containsExactlyInAnyOrder(
            "mystery: unknown input (expected one of [order, count])",
            "order.id: expected Int but was 1.5",
            "order.items[1].sku: expected String but was 2",
            "order.items[2].qty: expected Int but was \"x\"",
            "order.note: expected String but was false",
            "order.weights.w: expected Float but was \"heavy\"",
            "order.byCode: expected Map<Int, Boolean> as an array of {\"key\":..,\"value\":..} but"
                + " was an object",
            "order.payment.tag: unknown variant \"cash\" (expected one of [card, points])",
            "order.extra: unknown field (expected fields: [id, items, note, weights, byCode,"
                + " payment])",
            "count: expected Int but was null");
    assertThat(e.getMessage()).contains("order.items[2].qty: expected Int but was \"x\"");
  }

  @Test
  void missingRecordFieldsAreReportedAndOptionalOnesBecomeNone() {
    CType.CProduct t =
        CType.product(TaggedJsonTest.ordered("a", CType.INT, "b", CType.optional(CType.INT)));
    assertThat(PlainJson.read(json("{\"a\":1}"), t))
        .isEqualTo(new CValue.CProduct(Map.of("a", CValue.of(1), "b", CValue.none(CType.INT)), t));
    InputValidationException e =
        catchThrowableOfType(InputValidationException.class, () -> PlainJson.read(json("{}"), t));
    assertThat(e.problems()).containsExactly("$.a: missing, expected Int");
  }

  @Test
  void readInputsReturnsOnlyTheProvidedInputs() {
    Map<String, CType> expected = new LinkedHashMap<>();
    expected.put("text", CType.STRING);
    expected.put("limit", CType.optional(CType.INT));
    assertThat(PlainJson.readInputs(json("{\"text\":\"hi\"}"), expected))
        .containsExactly(Map.entry("text", CValue.of("hi")));
    InputValidationException e =
        catchThrowableOfType(
            InputValidationException.class, () -> PlainJson.readInputs(json("[1]"), expected));
    assertThat(e.problems()).containsExactly("inputs: expected a JSON object but was an array");
  }

  @Test
  void writeAllKeepsOrderAndWritesNoneAsNull() {
    Map<String, CValue> out = new LinkedHashMap<>();
    out.put("z", CValue.none(CType.INT));
    out.put("a", CValue.of(Double.NaN));
    assertThat(PlainJson.writeAll(out).toString()).isEqualTo("{\"z\":null,\"a\":\"NaN\"}");
  }
}
