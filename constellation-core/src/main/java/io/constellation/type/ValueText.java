package io.constellation.type;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Canonical text of values: every kind tagged, strings escaped, record fields and map entries
 * sorted (order-insensitive), lists in order. Equal values give equal text.
 */
final class ValueText {
  private ValueText() {}

  static String canonical(CValue value) {
    StringBuilder sb = new StringBuilder();
    write(value, sb);
    return sb.toString();
  }

  static void write(CValue value, StringBuilder sb) {
    switch (value) {
      case CValue.CString s -> TypeText.appendQuoted(s.value(), sb.append("s"));
      case CValue.CInt i -> sb.append("i").append(i.value());
      case CValue.CFloat f -> sb.append("f").append(Double.doubleToLongBits(f.value()));
      case CValue.CBoolean b -> sb.append(b.value() ? "T" : "F");
      case CValue.CList l -> {
        sb.append("l").append(l.elemType().canonical()).append('[');
        for (CValue v : l.values()) {
          write(v, sb);
          sb.append(',');
        }
        sb.append(']');
      }
      case CValue.CMap m -> {
        sb.append("m").append(m.type().canonical()).append('{');
        List<String> entries = new ArrayList<>(m.entries().size());
        for (Map.Entry<CValue, CValue> e : m.entries().entrySet()) {
          StringBuilder es = new StringBuilder();
          write(e.getKey(), es);
          es.append("=>");
          write(e.getValue(), es);
          entries.add(es.toString());
        }
        entries.sort(null);
        entries.forEach(e -> sb.append(e).append(','));
        sb.append('}');
      }
      case CValue.CProduct p -> {
        sb.append("p{");
        for (Map.Entry<String, CValue> e : new TreeMap<>(p.fields()).entrySet()) {
          TypeText.appendQuoted(e.getKey(), sb);
          sb.append(':');
          write(e.getValue(), sb);
          sb.append(',');
        }
        sb.append('}');
      }
      case CValue.CUnion u -> {
        sb.append("u").append(u.structure().canonical()).append('<');
        TypeText.appendQuoted(u.tag(), sb);
        sb.append('>');
        write(u.value(), sb);
      }
      case CValue.CSome s -> {
        sb.append("S").append(s.innerType().canonical()).append('(');
        write(s.value(), sb);
        sb.append(')');
      }
      case CValue.CNone n -> sb.append("N").append(n.innerType().canonical());
    }
  }
}
