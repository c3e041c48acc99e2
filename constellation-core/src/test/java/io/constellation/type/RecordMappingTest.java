package io.constellation.type;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecordMappingTest {
  record Address(String city, int zip) {}

  record Customer(
      String name,
      List<String> tags,
      Optional<Long> loyaltyId,
      Address address,
      Map<String, Double> scores,
      Map<Long, Boolean> flags,
      boolean active,
      List<Address> previous) {}

  record WithSet(String name, Set<String> tags) {}

  record Holder(List<WithSet> things) {}

  record Node(String id, Optional<Node> next) {}

  @Test
  void recordTypesFollowComponentOrderAndGenericTypes() {
    CType.CProduct t = CTypes.of(Customer.class);
    assertThat(t.fields().keySet())
        .containsExactly(
            "name", "tags", "loyaltyId", "address", "scores", "flags", "active", "previous");
    assertThat(t.fields().get("tags")).isEqualTo(CType.list(CType.STRING));
    assertThat(t.fields().get("loyaltyId")).isEqualTo(CType.optional(CType.INT));
    assertThat(t.fields().get("address"))
        .isEqualTo(CType.product(TaggedJsonTest.ordered("city", CType.STRING, "zip", CType.INT)));
    assertThat(t.fields().get("scores")).isEqualTo(CType.map(CType.STRING, CType.FLOAT));
    assertThat(t.fields().get("flags")).isEqualTo(CType.map(CType.INT, CType.BOOLEAN));
    assertThat(t.fields().get("active")).isEqualTo(CType.BOOLEAN);
  }

  @Test
  void recordsRoundTripThroughValues() {
    Customer c =
        new Customer(
            "Ada",
            List.of("vip", "early"),
            Optional.of(42L),
            new Address("Paris", 75001),
            Map.of("risk", 0.25),
            Map.of(7L, true),
            true,
            List.of());
    CValue v = CValues.from(c);
    assertThat(v.type()).isEqualTo(CTypes.of(Customer.class));
    CValue.CProduct p = (CValue.CProduct) v;
    assertThat(p.fields().get("tags")).isEqualTo(CValue.ofStrings(List.of("vip", "early")));
    assertThat(p.fields().get("loyaltyId")).isEqualTo(CValue.some(CValue.of(42L)));
    assertThat(p.fields().get("previous"))
        .isEqualTo(CValue.list(CTypes.of(Address.class), List.of()));
    assertThat(CValues.to(v, Customer.class)).isEqualTo(c);
    Customer none =
        new Customer(
            "B",
            List.of(),
            Optional.empty(),
            new Address("X", 1),
            Map.of(),
            Map.of(),
            false,
            List.of());
    assertThat(CValues.to(CValues.from(none), Customer.class)).isEqualTo(none);
    assertThat(CValues.to(TaggedJson.valueFromString(TaggedJson.valueToString(v)), Customer.class))
        .isEqualTo(c);
  }

  @Test
  void scalarsAndCollectionsConvertBothWays() {
    assertThat(CValues.from("x")).isEqualTo(CValue.of("x"));
    assertThat(CValues.from(3)).isEqualTo(CValue.of(3L));
    assertThat(CValues.from(List.of(1L, 2L))).isEqualTo(CValue.ofLongs(List.of(1L, 2L)));
    assertThat(CValues.from(Optional.of(true))).isEqualTo(CValue.some(CValue.of(true)));
    assertThat(CValues.to(CValue.of(5), long.class)).isEqualTo(5L);
    assertThat(CValues.to(CValue.of(5), Integer.class)).isEqualTo(5);
    assertThat(CValues.to(CValue.of(2.5), double.class)).isEqualTo(2.5);
    assertThat(CValues.to(CValue.ofStrings(List.of("a")), List.class)).isEqualTo(List.of("a"));
    assertThat(CValues.to(CValue.of("s"), CValue.class)).isEqualTo(CValue.of("s"));
  }

  @Test
  void unsupportedTypesNameTheComponentPath() {
    assertThatThrownBy(() -> CTypes.of(Holder.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "Holder.things[].tags: unsupported type java.util.Set<java.lang.String>");
    assertThatThrownBy(() -> CTypes.of(Node.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Node.next?: record Node contains itself");
    assertThatThrownBy(() -> CValues.from(new Address(null, 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Address.city: is null");
    assertThatThrownBy(() -> CValues.to(CValue.of(Long.MAX_VALUE), int.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not fit in an int");
    CValue wrong = CValue.record(Map.of("city", CValue.of(1), "zip", CValue.of(2)));
    assertThatThrownBy(() -> CValues.to(wrong, Address.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Address.city: cannot convert Int to java.lang.String");
    assertThatThrownBy(() -> CValues.from(new Object()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("value: unsupported type java.lang.Object");
    assertThatThrownBy(() -> CValues.from(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty list");
  }
}
