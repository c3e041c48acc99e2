package io.constellation.module;

import static java.util.Objects.requireNonNull;

import io.constellation.type.CValue;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The inputs of one module call, by input name, with typed getters. Immutable. */
public final class ModuleInputs {
  private final Map<String, CValue> values;

  public ModuleInputs(Map<String, CValue> values) {
    requireNonNull(values, "values");
    if (values.size() <= 8) {
      this.values = Map.copyOf(values);
    } else {
      // Map.copyOf's linear probing clusters on names like i0..i999 (docs/performance.md)
      Map<String, CValue> copy = new HashMap<>(values);
      if (copy.containsKey(null) || copy.containsValue(null)) {
        throw new NullPointerException("module inputs contain a null name or value");
      }
      this.values = Collections.unmodifiableMap(copy);
    }
  }

  /** The value of input {@code name}. */
  public CValue get(String name) {
    CValue v = values.get(name);
    if (v == null) {
      throw new IllegalArgumentException(
          "no input named '" + name + "'; inputs: " + values.keySet());
    }
    return v;
  }

  public String getString(String name) {
    return as(name, CValue.CString.class).value();
  }

  public long getLong(String name) {
    return as(name, CValue.CInt.class).value();
  }

  public double getDouble(String name) {
    CValue v = get(name);
    if (v instanceof CValue.CInt i) {
      return i.value();
    }
    return as(name, CValue.CFloat.class).value();
  }

  public boolean getBoolean(String name) {
    return as(name, CValue.CBoolean.class).value();
  }

  public List<CValue> getList(String name) {
    return as(name, CValue.CList.class).values();
  }

  /** The inner value of an optional input, empty for {@code None}. */
  public Optional<CValue> getOptional(String name) {
    CValue v = get(name);
    if (v instanceof CValue.CSome s) {
      return Optional.of(s.value());
    }
    if (v instanceof CValue.CNone) {
      return Optional.empty();
    }
    throw new IllegalArgumentException("input '" + name + "' is " + v.type() + ", not Optional");
  }

  /** All inputs by name. */
  public Map<String, CValue> asMap() {
    return values;
  }

  private <T extends CValue> T as(String name, Class<T> kind) {
    CValue v = get(name);
    if (!kind.isInstance(v)) {
      throw new IllegalArgumentException(
          "input '" + name + "' is " + v.type() + ", not " + kind.getSimpleName().substring(1));
    }
    return kind.cast(v);
  }
}
