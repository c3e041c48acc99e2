package io.constellation.server.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.constellation.type.CType;

/**
 * Describes a {@link CType} as JSON for clients that build forms from it: {@code {"type":
 * "List<Int>", "kind": "list", "elem": {...}}}. {@code type} is the language's spelling.
 *
 * <p>Thread-safety: stateless.
 */
public final class TypeJson {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private TypeJson() {}

  public static ObjectNode describe(CType t) {
    ObjectNode o = F.objectNode();
    o.put("type", t.toString());
    switch (t) {
      case CType.CString s -> o.put("kind", "string");
      case CType.CInt i -> o.put("kind", "int");
      case CType.CFloat f -> o.put("kind", "float");
      case CType.CBoolean b -> o.put("kind", "boolean");
      case CType.CList l -> {
        o.put("kind", "list");
        o.set("elem", describe(l.elem()));
      }
      case CType.CMap m -> {
        o.put("kind", "map");
        o.set("key", describe(m.key()));
        o.set("value", describe(m.value()));
      }
      case CType.CProduct p -> {
        o.put("kind", "record");
        ObjectNode fields = o.putObject("fields");
        p.fields().forEach((k, v) -> fields.set(k, describe(v)));
      }
      case CType.CUnion u -> {
        o.put("kind", "union");
        ObjectNode variants = o.putObject("variants");
        u.variants().forEach((k, v) -> variants.set(k, describe(v)));
      }
      case CType.COptional opt -> {
        o.put("kind", "optional");
        o.set("inner", describe(opt.inner()));
      }
    }
    return o;
  }
}
