package io.constellation.type;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The type of a {@link CValue}. Types are immutable values with structural equality; record ({@link
 * CProduct}) and union ({@link CUnion}) equality ignores field order, while {@link #toString()} and
 * {@link #canonical()} keep a deterministic form.
 *
 * <p>Thread-safety: instances are immutable and safe to share.
 */
public sealed interface CType
    permits CType.CString,
        CType.CInt,
        CType.CFloat,
        CType.CBoolean,
        CType.CList,
        CType.CMap,
        CType.CProduct,
        CType.CUnion,
        CType.COptional {

  CType STRING = new CString();
  CType INT = new CInt();
  CType FLOAT = new CFloat();
  CType BOOLEAN = new CBoolean();

  /** A list of {@code elem}. */
  static CType list(CType elem) {
    return new CList(elem);
  }

  /** A map from {@code key} to {@code value}. */
  static CType map(CType key, CType value) {
    return new CMap(key, value);
  }

  /** An optional {@code inner}. */
  static CType optional(CType inner) {
    return new COptional(inner);
  }

  /** A record with the given fields, in the given order. */
  static CProduct product(Map<String, CType> fields) {
    return new CProduct(fields);
  }

  /** A union of the named variants. */
  static CUnion union(Map<String, CType> variants) {
    return new CUnion(variants);
  }

  /**
   * A canonical text of this type: record fields and union variants sorted by name, so equal types
   * always give the same text. Used by the structural hash and the cache key.
   */
  default String canonical() {
    return TypeText.canonical(this);
  }

  /** The 64-bit signed integer type. */
  record CInt() implements CType {
    @Override
    public String toString() {
      return "Int";
    }
  }

  /** The string type. */
  record CString() implements CType {
    @Override
    public String toString() {
      return "String";
    }
  }

  /** The double-precision floating point type. */
  record CFloat() implements CType {
    @Override
    public String toString() {
      return "Float";
    }
  }

  /** The boolean type. */
  record CBoolean() implements CType {
    @Override
    public String toString() {
      return "Boolean";
    }
  }

  /** A list type. */
  record CList(CType elem) implements CType {
    public CList {
      requireNonNull(elem, "elem");
    }

    @Override
    public String toString() {
      return "List<" + elem + ">";
    }
  }

  /** A map type. */
  record CMap(CType key, CType value) implements CType {
    public CMap {
      requireNonNull(key, "key");
      requireNonNull(value, "value");
    }

    @Override
    public String toString() {
      return "Map<" + key + ", " + value + ">";
    }
  }

  /** A record type; fields keep their declaration order, equality ignores it. */
  record CProduct(Map<String, CType> fields) implements CType {
    public CProduct {
      fields = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(fields, "fields")));
    }

    @Override
    public String toString() {
      return TypeText.fields("{", fields, ": ", "}");
    }
  }

  /** A tagged union type; variants keep their order, equality ignores it. */
  record CUnion(Map<String, CType> variants) implements CType {
    public CUnion {
      variants =
          Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(variants, "variants")));
    }

    @Override
    public String toString() {
      return TypeText.fields("", variants, ": ", "").replace(", ", " | ");
    }
  }

  /** An optional type. */
  record COptional(CType inner) implements CType {
    public COptional {
      requireNonNull(inner, "inner");
    }

    @Override
    public String toString() {
      return "Optional<" + inner + ">";
    }
  }
}
