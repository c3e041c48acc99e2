package io.constellation.pipeline;

import io.constellation.type.CTypes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * The structural hash: SHA-256 over a canonical text of the DAG in which intermediate data node
 * names and node ids are replaced by a deterministic topological numbering. Ready nodes are
 * numbered in the order of their canonical text (module name, then input bindings written in
 * canonical references), so building the same DAG twice, in any order, gives the same hash. Input
 * names, output names, types and options are part of the structure; the pipeline name and
 * intermediate names are not.
 */
final class StructuralHash {
  private StructuralHash() {}

  static String of(DagSpec dag) {
    return Hashes.sha256Hex(canonicalText(dag));
  }

  static String canonicalText(DagSpec dag) {
    Map<String, String> ref = new HashMap<>();
    StringBuilder sb = new StringBuilder("constellation-dag/1\n");
    for (Map.Entry<String, io.constellation.type.CType> in :
        new TreeMap<>(dag.inputs()).entrySet()) {
      ref.put(in.getKey(), "in:" + in.getKey());
      sb.append("input ")
          .append(in.getKey())
          .append(':')
          .append(in.getValue().canonical())
          .append('\n');
    }
    Map<String, String> producer = new HashMap<>();
    for (DagNode n : dag.nodes()) {
      for (String d : n.producedDataNodes()) {
        producer.put(d, n.id());
      }
    }
    Map<String, Integer> waiting = new HashMap<>();
    Map<String, List<DagNode>> dependents = new HashMap<>();
    PriorityQueue<String[]> ready = new PriorityQueue<>((a, b) -> a[0].compareTo(b[0]));
    Map<String, DagNode> byId = new HashMap<>();
    for (DagNode n : dag.nodes()) {
      byId.put(n.id(), n);
      int count = 0;
      for (String d : new java.util.HashSet<>(n.inputs().values())) {
        String p = producer.get(d);
        if (p != null) {
          count++;
          dependents.computeIfAbsent(d, k -> new ArrayList<>()).add(n);
        }
      }
      waiting.put(n.id(), count);
      if (count == 0) {
        ready.add(new String[] {nodeText(n, ref, dag), n.id()});
      }
    }
    int number = 0;
    while (!ready.isEmpty()) {
      String[] next = ready.poll();
      DagNode n = byId.get(next[1]);
      int k = number++;
      sb.append('#').append(k).append(' ').append(next[0]).append('\n');
      List<String> produced = new ArrayList<>();
      if (n instanceof ModuleNode m) {
        m.outputs()
            .forEach(
                (out, d) -> {
                  ref.put(d, "n" + k + "." + out);
                  produced.add(d);
                });
      } else if (n instanceof ExpressionNode e) {
        ref.put(e.output(), "n" + k);
        produced.add(e.output());
      }
      for (String d : produced) {
        for (DagNode dep : dependents.getOrDefault(d, List.of())) {
          if (waiting.merge(dep.id(), -1, Integer::sum) == 0) {
            ready.add(new String[] {nodeText(dep, ref, dag), dep.id()});
          }
        }
      }
    }
    for (Map.Entry<String, String> out : new TreeMap<>(dag.outputs()).entrySet()) {
      sb.append("output ")
          .append(out.getKey())
          .append('=')
          .append(ref.get(out.getValue()))
          .append('\n');
    }
    return sb.toString();
  }

  private static String nodeText(DagNode n, Map<String, String> ref, DagSpec dag) {
    StringBuilder sb = new StringBuilder();
    switch (n) {
      case ModuleNode m -> {
        sb.append("call ").append(m.moduleName()).append('(');
        new TreeMap<>(m.inputs())
            .forEach((p, d) -> sb.append(p).append('=').append(ref.get(d)).append(','));
        sb.append(") outputs(");
        new TreeMap<>(m.outputs())
            .forEach(
                (o, d) ->
                    sb.append(o)
                        .append(':')
                        .append(dag.dataNodes().get(d).type().canonical())
                        .append(','));
        sb.append(") with ").append(options(m.options()));
      }
      case ExpressionNode e -> {
        sb.append("expr ")
            .append(e.expression().canonical())
            .append(" : ")
            .append(e.expression().type().canonical())
            .append(" (");
        new TreeMap<>(e.inputs())
            .forEach((p, d) -> sb.append(p).append('=').append(ref.get(d)).append(','));
        sb.append(')');
      }
    }
    return sb.toString();
  }

  static String options(CallOptions o) {
    StringBuilder sb = new StringBuilder("{");
    sb.append("retry=").append(o.retry());
    sb.append(",delay=").append(o.delay().toNanos());
    sb.append(",backoff=").append(o.backoff());
    sb.append(",maxDelay=").append(o.maxDelay().toNanos());
    o.timeout().ifPresent(t -> sb.append(",timeout=").append(t.toNanos()));
    o.fallback().ifPresent(f -> sb.append(",fallback=").append(CTypes.canonical(f)));
    o.cache().ifPresent(t -> sb.append(",cache=").append(t.toNanos()));
    o.cacheBackend().ifPresent(b -> sb.append(",cacheBackend=").append(b));
    o.throttle()
        .ifPresent(
            t ->
                sb.append(",throttle=")
                    .append(t.permits())
                    .append('/')
                    .append(t.period().toNanos()));
    o.concurrency().ifPresent(c -> sb.append(",concurrency=").append(c));
    sb.append(",onError=").append(o.onError());
    sb.append(",priority=").append(o.priority());
    return sb.append('}').toString();
  }
}
