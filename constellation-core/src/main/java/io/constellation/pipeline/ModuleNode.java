package io.constellation.pipeline;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A call of a registered module.
 *
 * @param id unique node id
 * @param moduleName the module called
 * @param inputs module input name → data node name
 * @param outputs module output name → data node name (a subset of the module's outputs)
 * @param options call options
 */
public record ModuleNode(
    String id,
    String moduleName,
    Map<String, String> inputs,
    Map<String, String> outputs,
    CallOptions options)
    implements DagNode {
  public ModuleNode {
    requireNonNull(id, "id");
    requireNonNull(moduleName, "moduleName");
    inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
    outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    requireNonNull(options, "options");
  }

  @Override
  public Collection<String> producedDataNodes() {
    return outputs.values();
  }
}
