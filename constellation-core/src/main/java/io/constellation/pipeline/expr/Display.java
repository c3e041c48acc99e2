package io.constellation.pipeline.expr;

import io.constellation.type.CValue;
import java.util.Map;

/**
 * The text a value shows as inside an interpolated string: strings as they are, numbers and
 * booleans as literals, {@code None} as the empty string, {@code Some(x)} as {@code x}, lists as
 * {@code [a, b]}, records and maps as {@code {k: v}}, union values as their inner value.
 *
 * <p>Thread-safety: stateless.
 */
public final class Display {
  private Display() {}

  /** The display text of {@code value}. */
  public static String of(CValue value) {
    StringBuilder sb = new StringBuilder();
    append(value, sb);
    return sb.toString();
  }

  static void append(CValue value, StringBuilder sb) {
    switch (value) {
      case CValue.CString s -> sb.append(s.value());
      case CValue.CInt i -> sb.append(i.value());
      case CValue.CFloat f -> sb.append(f.value());
      case CValue.CBoolean b -> sb.append(b.value());
      case CValue.CSome s -> append(s.value(), sb);
      case CValue.CNone n -> {}
      case CValue.CUnion u -> append(u.value(), sb);
      case CValue.CList l -> {
        sb.append('[');
        for (int i = 0; i < l.values().size(); i++) {
          if (i > 0) {
            sb.append(", ");
          }
          nested(l.values().get(i), sb);
        }
        sb.append(']');
      }
      case CValue.CProduct p -> {
        sb.append('{');
        boolean first = true;
        for (Map.Entry<String, CValue> e : p.fields().entrySet()) {
          if (!first) {
            sb.append(", ");
          }
          first = false;
          sb.append(e.getKey()).append(": ");
          nested(e.getValue(), sb);
        }
        sb.append('}');
      }
      case CValue.CMap m -> {
        sb.append('{');
        boolean first = true;
        for (Map.Entry<CValue, CValue> e : m.entries().entrySet()) {
          if (!first) {
            sb.append(", ");
          }
          first = false;
          nested(e.getKey(), sb);
          sb.append(": ");
          nested(e.getValue(), sb);
        }
        sb.append('}');
      }
    }
  }

  private static void nested(CValue v, StringBuilder sb) {
    if (v instanceof CValue.CString s) {
      sb.append('"').append(s.value()).append('"');
    } else {
      append(v, sb);
    }
  }
}
