package io.constellation.type;

import java.util.Map;
import java.util.TreeMap;

/** Text forms of types. */
final class TypeText {
  private TypeText() {}

  static String fields(String open, Map<String, CType> fields, String sep, String close) {
    StringBuilder sb = new StringBuilder(open);
    boolean first = true;
    for (Map.Entry<String, CType> e : fields.entrySet()) {
      if (!first) {
        sb.append(", ");
      }
      first = false;
      sb.append(e.getKey()).append(sep).append(e.getValue());
    }
    return sb.append(close).toString();
  }

  static String canonical(CType type) {
    StringBuilder sb = new StringBuilder();
    write(type, sb);
    return sb.toString();
  }

  private static void write(CType type, StringBuilder sb) {
    switch (type) {
      case CType.CString s -> sb.append("S");
      case CType.CInt i -> sb.append("I");
      case CType.CFloat f -> sb.append("F");
      case CType.CBoolean b -> sb.append("B");
      case CType.CList l -> {
        sb.append("L(");
        write(l.elem(), sb);
        sb.append(')');
      }
      case CType.CMap m -> {
        sb.append("M(");
        write(m.key(), sb);
        sb.append(',');
        write(m.value(), sb);
        sb.append(')');
      }
      case CType.COptional o -> {
        sb.append("O(");
        write(o.inner(), sb);
        sb.append(')');
      }
      case CType.CProduct p -> writeNamed("P{", p.fields(), sb);
      case CType.CUnion u -> writeNamed("U{", u.variants(), sb);
    }
  }

  private static void writeNamed(String open, Map<String, CType> named, StringBuilder sb) {
    sb.append(open);
    boolean first = true;
    for (Map.Entry<String, CType> e : new TreeMap<>(named).entrySet()) {
      if (!first) {
        sb.append(',');
      }
      first = false;
      appendQuoted(e.getKey(), sb);
      sb.append(':');
      write(e.getValue(), sb);
    }
    sb.append('}');
  }

  /** Appends {@code s} in double quotes, escaping {@code "} and {@code \\}; copies runs in bulk. */
  static void appendQuoted(String s, StringBuilder sb) {
    sb.ensureCapacity(sb.length() + s.length() + 2);
    sb.append('"');
    int first = firstOf(s, '"', '\\');
    if (first < 0) {
      sb.append(s).append('"');
      return;
    }
    int from = 0;
    for (int i = first; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append(s, from, i).append('\\').append(c);
        from = i + 1;
      }
    }
    sb.append(s, from, s.length()).append('"');
  }

  /** The first index of {@code a} or {@code b} in {@code s}, or -1 (two vectorized scans). */
  static int firstOf(String s, char a, char b) {
    int i = s.indexOf(a);
    int j = s.indexOf(b);
    return i < 0 ? j : j < 0 ? i : Math.min(i, j);
  }
}
