package io.constellation.type;

/** Public helpers on types and values. */
public final class CTypes {
  private CTypes() {}

  /**
   * The record type of a Java record class: components become fields, in declaration order.
   * Component types: {@code String}, {@code long/Long/int/Integer} (Int), {@code double/Double}
   * (Float), {@code boolean/Boolean}, {@code List<T>}, {@code Map<K,V>}, {@code Optional<T>} and
   * nested records.
   *
   * @throws IllegalArgumentException naming the component path of an unsupported type
   */
  public static CType.CProduct of(Class<? extends Record> recordClass) {
    java.util.Objects.requireNonNull(recordClass, "recordClass");
    return JavaMapping.recordType(recordClass);
  }

  /**
   * Canonical text of a value: kinds tagged, strings escaped, records and maps order-insensitive,
   * lists order-sensitive. Equal values give equal text. Used by cache keys and hashes.
   */
  public static String canonical(CValue value) {
    return ValueText.canonical(value);
  }

  /** Appends the {@link #canonical(CValue)} text of {@code value} to {@code out}. */
  public static void appendCanonical(CValue value, StringBuilder out) {
    ValueText.write(value, out);
  }

  /** Whether {@code value} has exactly type {@code type}, without building the value's type. */
  public static boolean conforms(CValue value, CType type) {
    return Values.conforms(value, type);
  }
}
