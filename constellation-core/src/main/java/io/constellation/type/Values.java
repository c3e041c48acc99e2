package io.constellation.type;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Shared helpers for values. */
final class Values {
  private Values() {}

  static void requireType(CValue value, CType expected, String where) {
    if (value == null) {
      throw new IllegalArgumentException("value" + where + " is null");
    }
    if (!conforms(value, expected)) {
      throw new IllegalArgumentException(
          "value" + where + " has type " + value.type() + " but " + expected + " was expected");
    }
  }

  /** Cheap conformance check that avoids building the value's type for scalars. */
  static boolean conforms(CValue value, CType expected) {
    return switch (value) {
      case CValue.CString s -> expected instanceof CType.CString;
      case CValue.CInt i -> expected instanceof CType.CInt;
      case CValue.CFloat f -> expected instanceof CType.CFloat;
      case CValue.CBoolean b -> expected instanceof CType.CBoolean;
      case CValue.CList l -> expected instanceof CType.CList cl && cl.elem().equals(l.elemType());
      case CValue.CMap m ->
          expected instanceof CType.CMap cm
              && cm.key().equals(m.keyType())
              && cm.value().equals(m.valueType());
      case CValue.CProduct p -> p.structure().equals(expected);
      case CValue.CUnion u -> u.structure().equals(expected);
      case CValue.CSome s ->
          expected instanceof CType.COptional o && o.inner().equals(s.innerType());
      case CValue.CNone n ->
          expected instanceof CType.COptional o && o.inner().equals(n.innerType());
    };
  }

  static CValue zero(CType type) {
    return switch (type) {
      case CType.CString s -> new CValue.CString("");
      case CType.CInt i -> new CValue.CInt(0);
      case CType.CFloat f -> new CValue.CFloat(0.0);
      case CType.CBoolean b -> new CValue.CBoolean(false);
      case CType.CList l -> new CValue.CList(List.of(), l.elem());
      case CType.CMap m -> new CValue.CMap(Map.of(), m.key(), m.value());
      case CType.COptional o -> new CValue.CNone(o.inner());
      case CType.CProduct p -> {
        Map<String, CValue> fields = new LinkedHashMap<>();
        p.fields().forEach((k, t) -> fields.put(k, zero(t)));
        yield new CValue.CProduct(fields, p);
      }
      case CType.CUnion u -> {
        if (u.variants().isEmpty()) {
          throw new IllegalArgumentException("an empty union has no zero value");
        }
        Map.Entry<String, CType> first = u.variants().entrySet().iterator().next();
        yield new CValue.CUnion(first.getKey(), zero(first.getValue()), u);
      }
    };
  }
}
