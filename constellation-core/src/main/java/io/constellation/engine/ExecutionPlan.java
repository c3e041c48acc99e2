package io.constellation.engine;

import io.constellation.PipelineValidationException;
import io.constellation.module.Module;
import io.constellation.module.ModuleRegistry;
import io.constellation.pipeline.CallOptions;
import io.constellation.pipeline.DagNode;
import io.constellation.pipeline.DagSpec;
import io.constellation.pipeline.DataNode;
import io.constellation.pipeline.ExpressionNode;
import io.constellation.pipeline.ModuleNode;
import io.constellation.pipeline.PipelineImage;
import io.constellation.type.CType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A pipeline image compiled for execution: data nodes and tasks indexed by int, modules resolved
 * against the registry, consumers precomputed. Immutable; shared by every run of the image.
 */
final class ExecutionPlan {
  final PipelineImage image;
  final DagSpec dag;
  final String registryHash;
  final String[] dataNames;
  final CType[] dataTypes;
  final Map<String, Integer> dataIndex;

  /** data index → producing task, or -1 for pipeline inputs. */
  final int[] producer;

  /** data index → tasks consuming it (distinct). */
  final int[][] consumers;

  /** indices of input data nodes. */
  final int[] inputData;

  final Task[] tasks;

  /** tasks in a topological order. */
  final int[] topoOrder;

  /** output name → data index. */
  final Map<String, Integer> outputs;

  final UUID[] taskIds;

  /** task index → node id. */
  final String[] taskNodeIds;

  /** One computing node. */
  static final class Task {
    final int index;
    final DagNode node;
    final Module module; // null for expression nodes
    final CallOptions options; // null for expression nodes
    final String[] params;
    final int[] paramData;
    final int[] distinctInputs;
    final String[] outputNames;
    final int[] outputData;
    final Map<String, String> metricTags;

    /** The tracer span of a call of this task, built once. */
    final String spanName;

    final Map<String, String> spanAttributes;

    Task(
        int index,
        String dagName,
        DagNode node,
        Module module,
        String[] params,
        int[] paramData,
        String[] outputNames,
        int[] outputData) {
      this.index = index;
      this.node = node;
      this.module = module;
      this.options = node instanceof ModuleNode m ? m.options() : null;
      this.params = params;
      this.paramData = paramData;
      this.distinctInputs = Arrays.stream(paramData).distinct().toArray();
      this.outputNames = outputNames;
      this.outputData = outputData;
      this.metricTags = module == null ? Map.of() : Map.of("module_name", module.name());
      this.spanName = module == null ? node.id() : "module(" + module.name() + ")";
      this.spanAttributes =
          module == null
              ? Map.of()
              : Map.of("module_name", module.name(), "dag_name", dagName, "node", node.id());
    }

    boolean isModule() {
      return module != null;
    }

    String name() {
      return module != null ? module.name() : node.id();
    }
  }

  private ExecutionPlan(PipelineImage image, ModuleRegistry registry) {
    this.image = image;
    this.dag = image.dag();
    this.registryHash = registry.hash();
    int n = dag.dataNodes().size();
    dataNames = new String[n];
    dataTypes = new CType[n];
    dataIndex = new HashMap<>(n * 2);
    int i = 0;
    for (DataNode d : dag.dataNodes().values()) {
      dataNames[i] = d.name();
      dataTypes[i] = d.type();
      dataIndex.put(d.name(), i);
      i++;
    }
    producer = new int[n];
    Arrays.fill(producer, -1);
    List<DagNode> nodes = dag.nodes();
    tasks = new Task[nodes.size()];
    taskIds = new UUID[nodes.size()];
    List<String> problems = new ArrayList<>();
    for (int t = 0; t < nodes.size(); t++) {
      DagNode node = nodes.get(t);
      Module module = null;
      if (node instanceof ModuleNode m) {
        module = registry.find(m.moduleName()).orElse(null);
        if (module == null) {
          problems.add("node '" + m.id() + "': module '" + m.moduleName() + "' is not registered");
          continue;
        }
      }
      String[] params = node.inputs().keySet().toArray(String[]::new);
      int[] paramData = new int[params.length];
      for (int p = 0; p < params.length; p++) {
        paramData[p] = dataIndex.get(node.inputs().get(params[p]));
      }
      String[] outNames;
      int[] outData;
      if (node instanceof ModuleNode m) {
        outNames = m.outputs().keySet().toArray(String[]::new);
        outData = new int[outNames.length];
        for (int o = 0; o < outNames.length; o++) {
          outData[o] = dataIndex.get(m.outputs().get(outNames[o]));
        }
      } else {
        ExpressionNode e = (ExpressionNode) node;
        outNames = new String[] {e.output()};
        outData = new int[] {dataIndex.get(e.output())};
      }
      for (int d : outData) {
        producer[d] = t;
      }
      tasks[t] = new Task(t, dag.name(), node, module, params, paramData, outNames, outData);
      taskIds[t] =
          UUID.nameUUIDFromBytes(
              (image.structuralHash() + "/" + node.id())
                  .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    if (!problems.isEmpty()) {
      throw new PipelineValidationException(dag.name(), problems);
    }
    List<Set<Integer>> cons = new ArrayList<>(n);
    for (int d = 0; d < n; d++) {
      cons.add(new LinkedHashSet<>());
    }
    for (Task t : tasks) {
      for (int d : t.distinctInputs) {
        cons.get(d).add(t.index);
      }
    }
    consumers = new int[n][];
    for (int d = 0; d < n; d++) {
      consumers[d] = cons.get(d).stream().mapToInt(Integer::intValue).toArray();
    }
    inputData = Arrays.stream(range(n)).filter(d -> producer[d] < 0).toArray();
    topoOrder = topo();
    Map<String, Integer> outs = new java.util.LinkedHashMap<>();
    dag.outputs().forEach((name, data) -> outs.put(name, dataIndex.get(data)));
    outputs = Map.copyOf(outs);
    taskNodeIds = new String[tasks.length];
    for (Task t : tasks) {
      taskNodeIds[t.index] = t.node.id();
    }
  }

  private static int[] range(int n) {
    int[] r = new int[n];
    for (int i = 0; i < n; i++) {
      r[i] = i;
    }
    return r;
  }

  private int[] topo() {
    int[] waiting = new int[tasks.length];
    int[] order = new int[tasks.length];
    int head = 0;
    int tail = 0;
    for (Task t : tasks) {
      int c = 0;
      for (int d : t.distinctInputs) {
        if (producer[d] >= 0) {
          c++;
        }
      }
      waiting[t.index] = c;
      if (c == 0) {
        order[tail++] = t.index;
      }
    }
    while (head < tail) {
      Task t = tasks[order[head++]];
      for (int d : t.outputData) {
        for (int c : consumers[d]) {
          if (--waiting[c] == 0) {
            order[tail++] = c;
          }
        }
      }
    }
    return order;
  }

  static ExecutionPlan of(PipelineImage image, ModuleRegistry registry) {
    return new ExecutionPlan(image, registry);
  }
}
