package io.constellation.type;

/**
 * Conversions between Java values (records, primitives, lists, maps, optionals) and {@link CValue}.
 */
public final class CValues {
  private CValues() {}

  /**
   * The value of a Java object: records become {@link CValue.CProduct} (typed by {@link CTypes#of},
   * so empty lists and empty optionals inside records keep their types); {@code String}, {@code
   * Long/Integer}, {@code Double}, {@code Boolean}, non-empty {@code List}/{@code Map} and present
   * {@code Optional} are inferred from their contents; a {@link CValue} is returned as is.
   *
   * @throws IllegalArgumentException naming the path of a null, unsupported or inconsistent part
   */
  public static CValue from(Object javaValue) {
    return JavaMapping.from(javaValue);
  }

  /**
   * Converts {@code value} to an instance of {@code type}: a record (built with its canonical
   * constructor), {@code String}, {@code long/Long}, {@code int/Integer} (range-checked), {@code
   * double/Double}, {@code boolean/Boolean}, or a {@code CValue} subtype. {@code List}, {@code
   * Map}, {@code Optional} and {@code Object} targets get plain Java objects (records as {@code
   * Map<String,Object>}). A primitive target class returns the boxed value.
   *
   * @throws IllegalArgumentException naming the path of the part that does not convert
   */
  public static <T> T to(CValue value, Class<T> type) {
    java.util.Objects.requireNonNull(type, "type");
    return JavaMapping.to(value, type);
  }
}
