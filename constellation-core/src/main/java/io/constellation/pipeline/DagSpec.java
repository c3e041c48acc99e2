package io.constellation.pipeline;

import static java.util.Objects.requireNonNull;

import io.constellation.PipelineValidationException;
import io.constellation.module.Module;
import io.constellation.type.CType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The structure of a pipeline: typed data nodes, computing nodes (module calls and built-in
 * expressions) and declared outputs. Construction checks the structure and reports every problem at
 * once: unique names, every binding resolves, every data node produced at most once, no cycle.
 * {@link #typeCheck} checks it against module schemas.
 *
 * @param name pipeline name (not part of the structural hash)
 * @param dataNodes data nodes by name
 * @param nodes computing nodes
 * @param outputs output name → data node name
 */
public record DagSpec(
    String name,
    Map<String, DataNode> dataNodes,
    List<DagNode> nodes,
    Map<String, String> outputs) {

  public DagSpec {
    requireNonNull(name, "name");
    dataNodes = Collections.unmodifiableMap(new LinkedHashMap<>(dataNodes));
    nodes = List.copyOf(nodes);
    outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    List<String> problems = structureProblems(dataNodes, nodes, outputs);
    if (!problems.isEmpty()) {
      throw new PipelineValidationException(name, problems);
    }
  }

  /** Names and types of the pipeline's inputs: data nodes that no node produces. */
  public Map<String, CType> inputs() {
    Set<String> produced = new HashSet<>();
    for (DagNode n : nodes) {
      produced.addAll(n.producedDataNodes());
    }
    Map<String, CType> in = new LinkedHashMap<>();
    dataNodes.forEach(
        (k, v) -> {
          if (!produced.contains(k)) {
            in.put(k, v.type());
          }
        });
    return in;
  }

  /** Output name → type. */
  public Map<String, CType> outputTypes() {
    Map<String, CType> out = new LinkedHashMap<>();
    outputs.forEach((k, v) -> out.put(k, dataNodes.get(v).type()));
    return out;
  }

  /** The module nodes of this DAG. */
  public List<ModuleNode> moduleNodes() {
    List<ModuleNode> out = new ArrayList<>();
    for (DagNode n : nodes) {
      if (n instanceof ModuleNode m) {
        out.add(m);
      }
    }
    return out;
  }

  /** The node with this id. */
  public Optional<DagNode> node(String id) {
    for (DagNode n : nodes) {
      if (n.id().equals(id)) {
        return Optional.of(n);
      }
    }
    return Optional.empty();
  }

  /**
   * Checks every call against the module schemas: the module exists, every module input is bound
   * exactly once to a data node of its type, every produced data node has the output's type, and
   * expression nodes produce their expression's type. Returns every problem, empty when valid.
   */
  public List<String> typeProblems(Function<String, Optional<Module>> modules) {
    List<String> problems = new ArrayList<>();
    for (DagNode n : nodes) {
      switch (n) {
        case ModuleNode m -> {
          Optional<Module> found = modules.apply(m.moduleName());
          if (found.isEmpty()) {
            problems.add("node '" + m.id() + "': unknown module '" + m.moduleName() + "'");
            continue;
          }
          Module module = found.get();
          module
              .inputs()
              .forEach(
                  (param, type) -> {
                    String bound = m.inputs().get(param);
                    if (bound == null) {
                      problems.add(
                          "node '"
                              + m.id()
                              + "': input '"
                              + param
                              + "' of module '"
                              + module.name()
                              + "' is not bound");
                    } else if (dataNodes.containsKey(bound)
                        && !dataNodes.get(bound).type().equals(type)) {
                      problems.add(
                          "node '"
                              + m.id()
                              + "': input '"
                              + param
                              + "' of module '"
                              + module.name()
                              + "' expects "
                              + type
                              + " but '"
                              + bound
                              + "' is "
                              + dataNodes.get(bound).type());
                    }
                  });
          for (String param : m.inputs().keySet()) {
            if (!module.inputs().containsKey(param)) {
              problems.add(
                  "node '"
                      + m.id()
                      + "': module '"
                      + module.name()
                      + "' has no input '"
                      + param
                      + "' (inputs: "
                      + module.inputs().keySet()
                      + ")");
            }
          }
          m.outputs()
              .forEach(
                  (out, dataNode) -> {
                    CType type = module.outputs().get(out);
                    if (type == null) {
                      problems.add(
                          "node '"
                              + m.id()
                              + "': module '"
                              + module.name()
                              + "' has no output '"
                              + out
                              + "'");
                    } else if (dataNodes.containsKey(dataNode)
                        && !dataNodes.get(dataNode).type().equals(type)) {
                      problems.add(
                          "node '"
                              + m.id()
                              + "': output '"
                              + out
                              + "' is "
                              + type
                              + " but data node '"
                              + dataNode
                              + "' is declared "
                              + dataNodes.get(dataNode).type());
                    }
                  });
          m.options()
              .fallback()
              .ifPresent(
                  fb -> {
                    CType primary = module.outputs().get(module.primaryOutput());
                    if (!fb.type().equals(primary)) {
                      problems.add(
                          "node '"
                              + m.id()
                              + "': fallback is "
                              + fb.type()
                              + " but module '"
                              + module.name()
                              + "' returns "
                              + primary);
                    }
                  });
        }
        case ExpressionNode e -> {
          CType declared =
              dataNodes.containsKey(e.output()) ? dataNodes.get(e.output()).type() : null;
          if (declared != null && !declared.equals(e.expression().type())) {
            problems.add(
                "node '"
                    + e.id()
                    + "': expression is "
                    + e.expression().type()
                    + " but data node '"
                    + e.output()
                    + "' is "
                    + declared);
          }
        }
      }
    }
    return problems;
  }

  /** Throws {@link PipelineValidationException} listing every {@link #typeProblems} entry. */
  public void typeCheck(Function<String, Optional<Module>> modules) {
    List<String> problems = typeProblems(modules);
    if (!problems.isEmpty()) {
      throw new PipelineValidationException(name, problems);
    }
  }

  private static List<String> structureProblems(
      Map<String, DataNode> dataNodes, List<DagNode> nodes, Map<String, String> outputs) {
    List<String> problems = new ArrayList<>();
    dataNodes.forEach(
        (k, v) -> {
          if (!k.equals(v.name())) {
            problems.add("data node key '" + k + "' differs from its name '" + v.name() + "'");
          }
        });
    Set<String> ids = new HashSet<>();
    Map<String, String> producer = new HashMap<>();
    for (DagNode n : nodes) {
      if (!ids.add(n.id())) {
        problems.add("node id '" + n.id() + "' is used twice");
      }
      n.inputs()
          .forEach(
              (param, data) -> {
                if (!dataNodes.containsKey(data)) {
                  problems.add(
                      "node '"
                          + n.id()
                          + "': input '"
                          + param
                          + "' refers to unknown data node '"
                          + data
                          + "'");
                }
              });
      for (String data : n.producedDataNodes()) {
        if (!dataNodes.containsKey(data)) {
          problems.add("node '" + n.id() + "' produces undeclared data node '" + data + "'");
        }
        String previous = producer.putIfAbsent(data, n.id());
        if (previous != null) {
          problems.add(
              "data node '"
                  + data
                  + "' is produced by both '"
                  + previous
                  + "' and '"
                  + n.id()
                  + "'");
        }
      }
    }
    outputs.forEach(
        (out, data) -> {
          if (!dataNodes.containsKey(data)) {
            problems.add("output '" + out + "' refers to unknown data node '" + data + "'");
          }
        });
    if (problems.isEmpty()) {
      cycle(nodes, producer).ifPresent(problems::add);
    }
    return problems;
  }

  private static Optional<String> cycle(List<DagNode> nodes, Map<String, String> producer) {
    Map<String, DagNode> byId = new HashMap<>();
    Map<String, Integer> indegree = new HashMap<>();
    Map<String, List<String>> dependents = new HashMap<>();
    for (DagNode n : nodes) {
      byId.put(n.id(), n);
      indegree.put(n.id(), 0);
    }
    for (DagNode n : nodes) {
      Set<String> deps = new HashSet<>();
      for (String data : n.inputs().values()) {
        String p = producer.get(data);
        if (p != null && deps.add(p)) {
          indegree.merge(n.id(), 1, Integer::sum);
          dependents.computeIfAbsent(p, k -> new ArrayList<>()).add(n.id());
        }
      }
    }
    Deque<String> ready = new ArrayDeque<>();
    indegree.forEach(
        (id, d) -> {
          if (d == 0) {
            ready.add(id);
          }
        });
    int seen = 0;
    while (!ready.isEmpty()) {
      String id = ready.poll();
      seen++;
      for (String dep : dependents.getOrDefault(id, List.of())) {
        if (indegree.merge(dep, -1, Integer::sum) == 0) {
          ready.add(dep);
        }
      }
    }
    if (seen == nodes.size()) {
      return Optional.empty();
    }
    List<String> inCycle = new ArrayList<>();
    indegree.forEach(
        (id, d) -> {
          if (d > 0) {
            inCycle.add(id);
          }
        });
    Collections.sort(inCycle);
    return Optional.of("cycle between nodes " + inCycle);
  }
}
