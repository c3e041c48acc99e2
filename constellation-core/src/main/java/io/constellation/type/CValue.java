package io.constellation.type;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A typed value flowing through a pipeline. Every value knows its {@link #type()}. Equality is
 * structural; record field order and map entry order do not matter, list order does.
 *
 * <p>Thread-safety: instances are immutable and safe to share.
 */
public sealed interface CValue
    permits CValue.CString,
        CValue.CInt,
        CValue.CFloat,
        CValue.CBoolean,
        CValue.CList,
        CValue.CMap,
        CValue.CProduct,
        CValue.CUnion,
        CValue.CSome,
        CValue.CNone {

  /** The type of this value. */
  CType type();

  static CValue of(String value) {
    return new CString(value);
  }

  static CValue of(long value) {
    return new CInt(value);
  }

  static CValue of(double value) {
    return new CFloat(value);
  }

  static CValue of(boolean value) {
    return new CBoolean(value);
  }

  /** A list of values of type {@code elemType}; every element must have that type. */
  static CValue list(CType elemType, List<? extends CValue> values) {
    return new CList(List.copyOf(values), elemType);
  }

  /** A list of strings. */
  static CValue ofStrings(List<String> values) {
    List<CValue> out = new ArrayList<>(values.size());
    for (String v : values) {
      out.add(new CString(v));
    }
    return new CList(out, CType.STRING);
  }

  /** A list of 64-bit integers. */
  static CValue ofLongs(List<Long> values) {
    List<CValue> out = new ArrayList<>(values.size());
    for (Long v : values) {
      out.add(new CInt(v));
    }
    return new CList(out, CType.INT);
  }

  /** A map from {@code keyType} to {@code valueType}. */
  static CValue map(CType keyType, CType valueType, Map<? extends CValue, ? extends CValue> m) {
    return new CMap(new LinkedHashMap<CValue, CValue>(m), keyType, valueType);
  }

  /** A record; its structure is derived from the field values, in the given order. */
  static CProduct record(Map<String, ? extends CValue> fields) {
    Map<String, CType> structure = new LinkedHashMap<>();
    fields.forEach((k, v) -> structure.put(k, v.type()));
    return new CProduct(new LinkedHashMap<String, CValue>(fields), new CType.CProduct(structure));
  }

  /** {@code Some(value)}. */
  static CValue some(CValue value) {
    return new CSome(value, value.type());
  }

  /** {@code None} of {@code innerType}. */
  static CValue none(CType innerType) {
    return new CNone(innerType);
  }

  /** {@code value} wrapped as present or absent optional of {@code innerType}. */
  static CValue optional(CType innerType, Optional<? extends CValue> value) {
    return value.<CValue>map(v -> new CSome(v, innerType)).orElseGet(() -> new CNone(innerType));
  }

  /**
   * The zero value of a type: empty string, 0, 0.0, false, empty list or map, {@code None}, a
   * record of zero values, or the first variant of a union holding its zero value.
   */
  static CValue zero(CType type) {
    return Values.zero(type);
  }

  /** A string value. */
  record CString(String value) implements CValue {
    public CString {
      requireNonNull(value, "value");
    }

    @Override
    public CType type() {
      return CType.STRING;
    }

    @Override
    public String toString() {
      return '"' + value + '"';
    }
  }

  /** A 64-bit integer value. */
  record CInt(long value) implements CValue {
    @Override
    public CType type() {
      return CType.INT;
    }

    @Override
    public String toString() {
      return Long.toString(value);
    }
  }

  /** A double-precision value. */
  record CFloat(double value) implements CValue {
    @Override
    public CType type() {
      return CType.FLOAT;
    }

    @Override
    public String toString() {
      return Double.toString(value);
    }
  }

  /** A boolean value. */
  record CBoolean(boolean value) implements CValue {
    @Override
    public CType type() {
      return CType.BOOLEAN;
    }

    @Override
    public String toString() {
      return Boolean.toString(value);
    }
  }

  /** A list; every element has {@code elemType}. */
  record CList(List<CValue> values, CType elemType) implements CValue {
    public CList {
      requireNonNull(elemType, "elemType");
      values = List.copyOf(values);
      for (int i = 0; i < values.size(); i++) {
        Values.requireType(values.get(i), elemType, "[" + i + "]");
      }
    }

    @Override
    public CType type() {
      return new CType.CList(elemType);
    }

    @Override
    public String toString() {
      return values.toString();
    }
  }

  /** A map; keys have {@code keyType}, values {@code valueType}. Entry order is kept. */
  record CMap(Map<CValue, CValue> entries, CType keyType, CType valueType) implements CValue {
    public CMap {
      requireNonNull(keyType, "keyType");
      requireNonNull(valueType, "valueType");
      Map<CValue, CValue> copy = new LinkedHashMap<>();
      for (Map.Entry<? extends CValue, ? extends CValue> e : entries.entrySet()) {
        Values.requireType(e.getKey(), keyType, "key " + e.getKey());
        Values.requireType(e.getValue(), valueType, "[" + e.getKey() + "]");
        copy.put(e.getKey(), e.getValue());
      }
      entries = Collections.unmodifiableMap(copy);
    }

    @Override
    public CType type() {
      return new CType.CMap(keyType, valueType);
    }

    @Override
    public String toString() {
      return entries.toString();
    }
  }

  /** A record value; {@code structure} gives its type. */
  record CProduct(Map<String, CValue> fields, CType.CProduct structure) implements CValue {
    public CProduct {
      requireNonNull(structure, "structure");
      Map<String, CValue> copy = new LinkedHashMap<>();
      for (Map.Entry<String, CType> f : structure.fields().entrySet()) {
        CValue v = fields.get(f.getKey());
        if (v == null) {
          throw new IllegalArgumentException("record field '" + f.getKey() + "' is missing");
        }
        Values.requireType(v, f.getValue(), "." + f.getKey());
        copy.put(f.getKey(), v);
      }
      if (fields.size() != structure.fields().size()) {
        for (String k : fields.keySet()) {
          if (!structure.fields().containsKey(k)) {
            throw new IllegalArgumentException("record field '" + k + "' is not in " + structure);
          }
        }
      }
      fields = Collections.unmodifiableMap(copy);
    }

    /** The value of field {@code name}, if the record has it. */
    public Optional<CValue> field(String name) {
      return Optional.ofNullable(fields.get(name));
    }

    @Override
    public CType type() {
      return structure;
    }

    @Override
    public String toString() {
      return fields.toString();
    }
  }

  /** A union value holding variant {@code tag}. */
  record CUnion(String tag, CValue value, CType.CUnion structure) implements CValue {
    public CUnion {
      requireNonNull(tag, "tag");
      requireNonNull(value, "value");
      requireNonNull(structure, "structure");
      CType variant = structure.variants().get(tag);
      if (variant == null) {
        throw new IllegalArgumentException("union tag '" + tag + "' is not in " + structure);
      }
      Values.requireType(value, variant, "." + tag);
    }

    @Override
    public CType type() {
      return structure;
    }

    @Override
    public String toString() {
      return tag + "(" + value + ")";
    }
  }

  /** A present optional value. */
  record CSome(CValue value, CType innerType) implements CValue {
    public CSome {
      requireNonNull(innerType, "innerType");
      Values.requireType(value, innerType, "");
    }

    @Override
    public CType type() {
      return new CType.COptional(innerType);
    }

    @Override
    public String toString() {
      return "Some(" + value + ")";
    }
  }

  /** An absent optional value. */
  record CNone(CType innerType) implements CValue {
    public CNone {
      requireNonNull(innerType, "innerType");
    }

    @Override
    public CType type() {
      return new CType.COptional(innerType);
    }

    @Override
    public String toString() {
      return "None";
    }
  }
}
