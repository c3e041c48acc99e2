package io.constellation.type;

/** Conversions between Java values (records, primitives, lists, maps, optionals) and {@link CValue}. */
public final class CValues {
  private CValues() {}

  /** The value of a Java object: records become {@link CValue.CProduct}. */
  public static CValue from(Object javaValue) {
    throw new UnsupportedOperationException("TODO(types helper)");
  }

  /** Converts {@code value} to an instance of {@code type} (a record, primitive, String, ...). */
  public static <T> T to(CValue value, Class<T> type) {
    throw new UnsupportedOperationException("TODO(types helper)");
  }
}
