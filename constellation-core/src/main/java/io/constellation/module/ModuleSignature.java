package io.constellation.module;

import io.constellation.type.CType;
import java.util.Map;
import java.util.TreeMap;

/** What a pipeline relies on when it calls a module: name, version and schemas. */
public record ModuleSignature(
    String name, String version, Map<String, CType> inputs, Map<String, CType> outputs) {
  public ModuleSignature {
    inputs = Map.copyOf(inputs);
    outputs = Map.copyOf(outputs);
  }

  /** A canonical one-line text (sorted names, canonical types), used by the registry hash. */
  public String canonical() {
    StringBuilder sb = new StringBuilder(name).append('@').append(version).append('(');
    new TreeMap<>(inputs)
        .forEach((k, v) -> sb.append(k).append(':').append(v.canonical()).append(','));
    sb.append(")->(");
    new TreeMap<>(outputs)
        .forEach((k, v) -> sb.append(k).append(':').append(v.canonical()).append(','));
    return sb.append(')').toString();
  }
}
