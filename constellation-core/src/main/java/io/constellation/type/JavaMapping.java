package io.constellation.type;

import java.lang.reflect.Constructor;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Java ↔ {@link CValue} mapping behind {@link CTypes#of} and {@link CValues}. Supported Java types:
 * {@code String}; {@code long/Long/int/Integer} (Int); {@code double/Double} (Float); {@code
 * boolean/Boolean}; {@code List<T>}; {@code Map<K,V>}; {@code Optional<T>}; records (record
 * components in declaration order). Errors are {@link IllegalArgumentException}s naming the
 * component path ({@code Order.items[].qty}).
 *
 * <p>Thread-safety: record types are cached in a concurrent map; everything else is stateless.
 */
final class JavaMapping {
  private static final String SUPPORTED =
      "supported: String, long/Long, int/Integer, double/Double, boolean/Boolean, List<T>,"
          + " Map<K,V>, Optional<T>, records";
  private static final Map<Class<?>, CType.CProduct> RECORD_TYPES = new ConcurrentHashMap<>();

  private JavaMapping() {}

  // ------------------------------------------------------------------ types

  static CType.CProduct recordType(Class<? extends Record> c) {
    CType.CProduct cached = RECORD_TYPES.get(c);
    if (cached != null) {
      return cached;
    }
    CType.CProduct t = recordType(c, c.getSimpleName(), new ArrayDeque<>());
    RECORD_TYPES.putIfAbsent(c, t);
    return t;
  }

  private static CType.CProduct recordType(Class<?> c, String path, Deque<Class<?>> visiting) {
    if (!c.isRecord()) {
      throw new IllegalArgumentException(path + ": " + c.getName() + " is not a record");
    }
    if (visiting.contains(c)) {
      throw new IllegalArgumentException(
          path
              + ": record "
              + c.getSimpleName()
              + " contains itself; recursive types are not supported");
    }
    visiting.push(c);
    Map<String, CType> fields = new LinkedHashMap<>();
    for (RecordComponent rc : c.getRecordComponents()) {
      fields.put(rc.getName(), typeOf(rc.getGenericType(), path + "." + rc.getName(), visiting));
    }
    visiting.pop();
    return new CType.CProduct(fields);
  }

  private static CType typeOf(Type t, String path, Deque<Class<?>> visiting) {
    if (t instanceof Class<?> c) {
      if (c == String.class) {
        return CType.STRING;
      }
      if (c == long.class || c == Long.class || c == int.class || c == Integer.class) {
        return CType.INT;
      }
      if (c == double.class || c == Double.class) {
        return CType.FLOAT;
      }
      if (c == boolean.class || c == Boolean.class) {
        return CType.BOOLEAN;
      }
      if (c.isRecord()) {
        return recordType(c, path, visiting);
      }
      if (c == List.class || c == Map.class || c == Optional.class) {
        throw new IllegalArgumentException(
            path + ": raw " + c.getSimpleName() + " has no type arguments; declare them");
      }
      throw new IllegalArgumentException(
          path + ": unsupported type " + c.getTypeName() + " (" + SUPPORTED + ")");
    }
    if (t instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
      Type[] args = p.getActualTypeArguments();
      if (raw == List.class) {
        return CType.list(typeOf(bound(args[0]), path + "[]", visiting));
      }
      if (raw == Map.class) {
        return CType.map(
            typeOf(bound(args[0]), path + "[key]", visiting),
            typeOf(bound(args[1]), path + "[value]", visiting));
      }
      if (raw == Optional.class) {
        return CType.optional(typeOf(bound(args[0]), path + "?", visiting));
      }
    }
    if (t instanceof TypeVariable<?>
        || t instanceof WildcardType
        || t instanceof GenericArrayType) {
      throw new IllegalArgumentException(
          path
              + ": unsupported type "
              + t.getTypeName()
              + " (generic parameters and arrays"
              + " cannot be mapped; "
              + SUPPORTED
              + ")");
    }
    throw new IllegalArgumentException(
        path + ": unsupported type " + t.getTypeName() + " (" + SUPPORTED + ")");
  }

  private static Type bound(Type t) {
    if (t instanceof WildcardType w && w.getLowerBounds().length == 0) {
      return w.getUpperBounds()[0];
    }
    return t;
  }

  // ------------------------------------------------------------- Java → value

  static CValue from(Object o) {
    if (o == null) {
      throw new IllegalArgumentException("value is null");
    }
    return from(o, "value");
  }

  /** A value without a declared type: the type is inferred from the runtime object. */
  private static CValue from(Object o, String path) {
    switch (o) {
      case CValue v -> {
        return v;
      }
      case Record r -> {
        @SuppressWarnings("unchecked")
        Class<? extends Record> c = (Class<? extends Record>) r.getClass();
        try {
          return fromTyped(r, recordType(c), c, c.getSimpleName());
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(e.getMessage(), e);
        }
      }
      case String s -> {
        return new CValue.CString(s);
      }
      case Long l -> {
        return new CValue.CInt(l);
      }
      case Integer i -> {
        return new CValue.CInt(i);
      }
      case Double d -> {
        return new CValue.CFloat(d);
      }
      case Boolean b -> {
        return new CValue.CBoolean(b);
      }
      case List<?> list -> {
        if (list.isEmpty()) {
          throw new IllegalArgumentException(
              path + ": the element type of an empty list cannot be inferred; use CValue.list");
        }
        List<CValue> values = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
          values.add(from(requireElement(list.get(i), path + "[" + i + "]"), path + "[" + i + "]"));
        }
        CType elem = values.get(0).type();
        for (int i = 1; i < values.size(); i++) {
          if (!values.get(i).type().equals(elem)) {
            throw new IllegalArgumentException(
                path + "[" + i + "]: has type " + values.get(i).type() + " but [0] is " + elem);
          }
        }
        return new CValue.CList(values, elem);
      }
      case Map<?, ?> map -> {
        if (map.isEmpty()) {
          throw new IllegalArgumentException(
              path
                  + ": the key and value types of an empty map cannot be inferred; use CValue.map");
        }
        Map<CValue, CValue> entries = new LinkedHashMap<>();
        CType kt = null;
        CType vt = null;
        for (Map.Entry<?, ?> e : map.entrySet()) {
          String p = path + "[" + e.getKey() + "]";
          CValue k = from(requireElement(e.getKey(), p + " key"), p);
          CValue v = from(requireElement(e.getValue(), p), p);
          if (kt == null) {
            kt = k.type();
            vt = v.type();
          } else if (!kt.equals(k.type()) || !vt.equals(v.type())) {
            throw new IllegalArgumentException(
                p
                    + ": entry has types "
                    + k.type()
                    + " -> "
                    + v.type()
                    + " but the first is "
                    + kt
                    + " -> "
                    + vt);
          }
          entries.put(k, v);
        }
        return new CValue.CMap(entries, kt, vt);
      }
      case Optional<?> opt -> {
        if (opt.isEmpty()) {
          throw new IllegalArgumentException(
              path + ": the type of an empty Optional cannot be inferred; use CValue.none");
        }
        return CValue.some(from(opt.get(), path + "?"));
      }
      default ->
          throw new IllegalArgumentException(
              path + ": unsupported type " + o.getClass().getName() + " (" + SUPPORTED + ")");
    }
  }

  private static Object requireElement(Object o, String path) {
    if (o == null) {
      throw new IllegalArgumentException(path + ": is null");
    }
    return o;
  }

  /** A value of declared type {@code type} ({@code javaType} is its Java declaration). */
  private static CValue fromTyped(Object o, CType type, Type javaType, String path) {
    if (o == null) {
      throw new IllegalArgumentException(
          path + ": is null" + (type instanceof CType.COptional ? " (use Optional.empty())" : ""));
    }
    switch (type) {
      case CType.CString s -> {
        if (o instanceof String str) {
          return new CValue.CString(str);
        }
      }
      case CType.CInt i -> {
        if (o instanceof Long || o instanceof Integer) {
          return new CValue.CInt(((Number) o).longValue());
        }
      }
      case CType.CFloat f -> {
        if (o instanceof Double d) {
          return new CValue.CFloat(d);
        }
      }
      case CType.CBoolean b -> {
        if (o instanceof Boolean bool) {
          return new CValue.CBoolean(bool);
        }
      }
      case CType.CList l -> {
        if (o instanceof List<?> list) {
          Type elemJava = arg(javaType, 0);
          List<CValue> values = new ArrayList<>(list.size());
          for (int idx = 0; idx < list.size(); idx++) {
            values.add(fromTyped(list.get(idx), l.elem(), elemJava, path + "[" + idx + "]"));
          }
          return new CValue.CList(values, l.elem());
        }
      }
      case CType.CMap m -> {
        if (o instanceof Map<?, ?> map) {
          Type kj = arg(javaType, 0);
          Type vj = arg(javaType, 1);
          Map<CValue, CValue> entries = new LinkedHashMap<>();
          for (Map.Entry<?, ?> e : map.entrySet()) {
            String p = path + "[" + e.getKey() + "]";
            entries.put(
                fromTyped(e.getKey(), m.key(), kj, p + " key"),
                fromTyped(e.getValue(), m.value(), vj, p));
          }
          return new CValue.CMap(entries, m.key(), m.value());
        }
      }
      case CType.COptional opt -> {
        if (o instanceof Optional<?> optional) {
          if (optional.isEmpty()) {
            return new CValue.CNone(opt.inner());
          }
          return new CValue.CSome(
              fromTyped(optional.get(), opt.inner(), arg(javaType, 0), path), opt.inner());
        }
      }
      case CType.CProduct p -> {
        if (o instanceof Record r) {
          Map<String, CValue> fields = new LinkedHashMap<>();
          for (RecordComponent rc : r.getClass().getRecordComponents()) {
            Object component;
            try {
              var accessor = rc.getAccessor();
              accessor.setAccessible(true);
              component = accessor.invoke(r);
            } catch (ReflectiveOperationException | RuntimeException e) {
              throw new IllegalArgumentException(
                  path + "." + rc.getName() + ": cannot read the record component: " + e, e);
            }
            fields.put(
                rc.getName(),
                fromTyped(
                    component,
                    p.fields().get(rc.getName()),
                    rc.getGenericType(),
                    path + "." + rc.getName()));
          }
          return new CValue.CProduct(fields, p);
        }
      }
      case CType.CUnion u -> {
        throw new IllegalArgumentException(path + ": unions have no Java mapping");
      }
    }
    throw new IllegalArgumentException(
        path + ": expected " + type + " but the Java value is a " + o.getClass().getName());
  }

  private static Type arg(Type t, int i) {
    if (t instanceof ParameterizedType p) {
      return bound(p.getActualTypeArguments()[i]);
    }
    return Object.class;
  }

  // ------------------------------------------------------------- value → Java

  @SuppressWarnings("unchecked")
  static <T> T to(CValue value, Class<T> target) {
    if (value == null) {
      throw new IllegalArgumentException("value is null");
    }
    if (target.isInstance(value)) {
      return target.cast(value);
    }
    String path = target.isRecord() ? target.getSimpleName() : "value";
    return (T) toJava(value, target, path);
  }

  private static Object toJava(CValue v, Type target, String path) {
    Class<?> raw =
        target instanceof Class<?> c
            ? c
            : target instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c2
                ? c2
                : null;
    if (raw == null) {
      throw new IllegalArgumentException(
          path + ": unsupported type " + target.getTypeName() + " (" + SUPPORTED + ")");
    }
    if (raw == Object.class) {
      return natural(v, path);
    }
    if (raw.isInstance(v) && CValue.class.isAssignableFrom(raw)) {
      return v;
    }
    if (raw == String.class && v instanceof CValue.CString s) {
      return s.value();
    }
    if ((raw == long.class || raw == Long.class) && v instanceof CValue.CInt i) {
      return i.value();
    }
    if ((raw == int.class || raw == Integer.class) && v instanceof CValue.CInt i) {
      if (i.value() < Integer.MIN_VALUE || i.value() > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            path + ": " + i.value() + " does not fit in an int; declare the component as long");
      }
      return (int) i.value();
    }
    if ((raw == double.class || raw == Double.class) && v instanceof CValue.CFloat f) {
      return f.value();
    }
    if ((raw == boolean.class || raw == Boolean.class) && v instanceof CValue.CBoolean b) {
      return b.value();
    }
    if (raw == List.class && v instanceof CValue.CList l) {
      Type elem = arg(target, 0);
      List<Object> out = new ArrayList<>(l.values().size());
      for (int i = 0; i < l.values().size(); i++) {
        out.add(toJava(l.values().get(i), elem, path + "[" + i + "]"));
      }
      return Collections.unmodifiableList(out);
    }
    if (raw == Map.class && v instanceof CValue.CMap m) {
      Type kj = arg(target, 0);
      Type vj = arg(target, 1);
      Map<Object, Object> out = new LinkedHashMap<>();
      for (Map.Entry<CValue, CValue> e : m.entries().entrySet()) {
        String p = path + "[" + e.getKey() + "]";
        out.put(toJava(e.getKey(), kj, p + " key"), toJava(e.getValue(), vj, p));
      }
      return Collections.unmodifiableMap(out);
    }
    if (raw == Optional.class && v instanceof CValue.CSome s) {
      return Optional.of(toJava(s.value(), arg(target, 0), path));
    }
    if (raw == Optional.class && v instanceof CValue.CNone) {
      return Optional.empty();
    }
    if (raw.isRecord() && v instanceof CValue.CProduct p) {
      return toRecord(p, raw, path);
    }
    if (!isSupported(raw)) {
      throw new IllegalArgumentException(
          path + ": unsupported type " + target.getTypeName() + " (" + SUPPORTED + ")");
    }
    throw new IllegalArgumentException(
        path + ": cannot convert " + v.type() + " to " + target.getTypeName());
  }

  private static boolean isSupported(Class<?> c) {
    return c == String.class
        || c == long.class
        || c == Long.class
        || c == int.class
        || c == Integer.class
        || c == double.class
        || c == Double.class
        || c == boolean.class
        || c == Boolean.class
        || c == List.class
        || c == Map.class
        || c == Optional.class
        || c.isRecord();
  }

  private static Object toRecord(CValue.CProduct p, Class<?> c, String path) {
    RecordComponent[] components = c.getRecordComponents();
    Object[] args = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      RecordComponent rc = components[i];
      types[i] = rc.getType();
      String cp = path + "." + rc.getName();
      CValue field = p.fields().get(rc.getName());
      if (field == null) {
        if (rc.getType() == Optional.class) {
          args[i] = Optional.empty();
          continue;
        }
        throw new IllegalArgumentException(
            cp + ": missing in the record value (it has " + p.fields().keySet() + ")");
      }
      args[i] = toJava(field, rc.getGenericType(), cp);
    }
    try {
      Constructor<?> ctor = c.getDeclaredConstructor(types);
      ctor.setAccessible(true);
      return ctor.newInstance(args);
    } catch (InvocationTargetException e) {
      throw new IllegalArgumentException(
          path + ": the record's constructor rejected the value: " + e.getCause().getMessage(),
          e.getCause());
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalArgumentException(path + ": cannot construct " + c.getName() + ": " + e, e);
    }
  }

  /** Values as plain Java objects, for targets without type information ({@code Object}). */
  private static Object natural(CValue v, String path) {
    return switch (v) {
      case CValue.CString s -> s.value();
      case CValue.CInt i -> i.value();
      case CValue.CFloat f -> f.value();
      case CValue.CBoolean b -> b.value();
      case CValue.CList l -> {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < l.values().size(); i++) {
          out.add(natural(l.values().get(i), path + "[" + i + "]"));
        }
        yield Collections.unmodifiableList(out);
      }
      case CValue.CMap m -> {
        Map<Object, Object> out = new LinkedHashMap<>();
        m.entries()
            .forEach((k, val) -> out.put(natural(k, path), natural(val, path + "[" + k + "]")));
        yield Collections.unmodifiableMap(out);
      }
      case CValue.CProduct p -> {
        Map<String, Object> out = new LinkedHashMap<>();
        p.fields().forEach((k, val) -> out.put(k, natural(val, path + "." + k)));
        yield Collections.unmodifiableMap(out);
      }
      case CValue.CSome s -> Optional.of(natural(s.value(), path));
      case CValue.CNone n -> Optional.empty();
      case CValue.CUnion u ->
          throw new IllegalArgumentException(path + ": unions have no plain Java form; use CValue");
    };
  }
}
