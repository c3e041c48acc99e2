package io.constellation.server.dashboard;

import io.constellation.pipeline.DagNode;
import io.constellation.pipeline.DagSpec;
import io.constellation.pipeline.DataNode;
import io.constellation.pipeline.ExpressionNode;
import io.constellation.pipeline.ModuleNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Draws a pipeline's DAG as SVG, left to right: data nodes (rounded, with their type) and computing
 * nodes (module calls, and expressions in grey) on layers given by the longest path from the
 * inputs; within a layer, vertices are ordered by the mean position of their predecessors to keep
 * edges short. Inputs are blue, declared outputs green.
 *
 * <p>Thread-safety: stateless.
 */
public final class DagSvg {
  private static final int COL_GAP = 70;
  private static final int ROW = 56;
  private static final int BOX_H = 36;
  private static final int PAD = 20;
  private static final double CHAR_W = 7.2;

  private DagSvg() {}

  private record Vertex(String key, String label, String sublabel, String cls) {}

  /** The SVG document for {@code dag}. */
  public static String render(DagSpec dag) {
    Map<String, Vertex> vertices = new LinkedHashMap<>();
    Map<String, List<String>> preds = new HashMap<>();
    Map<String, List<String>> succs = new HashMap<>();
    Set<String> inputs = dag.inputs().keySet();
    Set<String> outputs = new HashSet<>(dag.outputs().values());
    for (DataNode d : dag.dataNodes().values()) {
      String cls =
          inputs.contains(d.name()) ? "input" : outputs.contains(d.name()) ? "output" : "data";
      vertices.put(
          "d:" + d.name(), new Vertex("d:" + d.name(), d.name(), d.type().toString(), cls));
    }
    for (DagNode n : dag.nodes()) {
      String key = "n:" + n.id();
      switch (n) {
        case ModuleNode m -> vertices.put(key, new Vertex(key, m.moduleName(), m.id(), "module"));
        case ExpressionNode e -> vertices.put(key, new Vertex(key, "expr", e.id(), "expr"));
      }
      for (String data : new java.util.TreeSet<>(n.inputs().values())) {
        edge(preds, succs, "d:" + data, key);
      }
      for (String data : n.producedDataNodes()) {
        edge(preds, succs, key, "d:" + data);
      }
    }
    // Longest-path layering (the DAG is acyclic by construction).
    Map<String, Integer> layer = new HashMap<>();
    for (String v : vertices.keySet()) {
      layerOf(v, preds, layer);
    }
    int layers = layer.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
    List<List<String>> columns = new ArrayList<>();
    for (int i = 0; i < layers; i++) {
      columns.add(new ArrayList<>());
    }
    vertices.keySet().forEach(v -> columns.get(layer.get(v)).add(v));
    Map<String, Double> pos = new HashMap<>();
    for (List<String> col : columns) {
      col.sort(
          Comparator.comparingDouble(
                  (String v) ->
                      preds.getOrDefault(v, List.of()).stream()
                          .mapToDouble(p -> pos.getOrDefault(p, 0.0))
                          .average()
                          .orElse(-1))
              .thenComparing(v -> vertices.get(v).label()));
      for (int i = 0; i < col.size(); i++) {
        pos.put(col.get(i), (double) i);
      }
    }
    int[] colWidth = new int[layers];
    int[] colX = new int[layers];
    int maxRows = 1;
    for (int i = 0; i < layers; i++) {
      int w = 90;
      for (String v : columns.get(i)) {
        w = Math.max(w, boxWidth(vertices.get(v)));
      }
      colWidth[i] = w;
      colX[i] = i == 0 ? PAD : colX[i - 1] + colWidth[i - 1] + COL_GAP;
      maxRows = Math.max(maxRows, columns.get(i).size());
    }
    int width = colX[layers - 1] + colWidth[layers - 1] + PAD;
    int height = PAD * 2 + maxRows * ROW;
    Map<String, int[]> box = new HashMap<>();
    for (int i = 0; i < layers; i++) {
      List<String> col = columns.get(i);
      int offset = (maxRows - col.size()) * ROW / 2;
      for (int j = 0; j < col.size(); j++) {
        int y = PAD + offset + j * ROW;
        box.put(col.get(j), new int[] {colX[i], y, colWidth[i], BOX_H});
      }
    }
    StringBuilder sb = new StringBuilder();
    sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"dag\" width=\"")
        .append(width)
        .append("\" height=\"")
        .append(height)
        .append("\" viewBox=\"0 0 ")
        .append(width)
        .append(' ')
        .append(height)
        .append("\" role=\"img\" aria-label=\"DAG of ")
        .append(esc(dag.name()))
        .append("\">\n")
        .append("<title>")
        .append(esc(dag.name()))
        .append("</title>\n")
        .append(
            "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\""
                + " markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\""
                + " fill=\"#667\"/></marker></defs>\n")
        .append(
            "<style>text{font:12px sans-serif;fill:#1b1f24}.sub{font-size:10px;fill:#57606a}"
                + "rect{stroke-width:1.2}.input rect{fill:#ddf4ff;stroke:#0969da}"
                + ".output rect{fill:#dafbe1;stroke:#1a7f37}.data rect{fill:#fff;stroke:#8c959f}"
                + ".module rect{fill:#fff8c5;stroke:#9a6700}.expr rect{fill:#f6f8fa;stroke:#8c959f}"
                + "path.edge{fill:none;stroke:#667;stroke-width:1.2}</style>\n");
    for (Map.Entry<String, List<String>> e : succs.entrySet()) {
      int[] a = box.get(e.getKey());
      for (String to : e.getValue()) {
        int[] b = box.get(to);
        double x1 = a[0] + a[2];
        double y1 = a[1] + a[3] / 2.0;
        double x2 = b[0];
        double y2 = b[1] + b[3] / 2.0;
        double mx = (x1 + x2) / 2;
        sb.append(
            String.format(
                java.util.Locale.ROOT,
                "<path class=\"edge\" d=\"M %.1f %.1f C %.1f %.1f, %.1f %.1f, %.1f %.1f\" marker-end=\"url(#arrow)\"/>%n",
                x1,
                y1,
                mx,
                y1,
                mx,
                y2,
                x2,
                y2));
      }
    }
    for (String v : vertices.keySet()) {
      Vertex vx = vertices.get(v);
      int[] b = box.get(v);
      int rx = vx.key().startsWith("d:") ? 14 : 3;
      sb.append("<g class=\"node ")
          .append(vx.cls())
          .append("\" data-id=\"")
          .append(esc(vx.key()))
          .append("\">")
          .append("<rect x=\"")
          .append(b[0])
          .append("\" y=\"")
          .append(b[1])
          .append("\" width=\"")
          .append(b[2])
          .append("\" height=\"")
          .append(b[3])
          .append("\" rx=\"")
          .append(rx)
          .append("\"/>")
          .append("<text x=\"")
          .append(b[0] + b[2] / 2)
          .append("\" y=\"")
          .append(b[1] + 15)
          .append("\" text-anchor=\"middle\">")
          .append(esc(vx.label()))
          .append("</text>")
          .append("<text class=\"sub\" x=\"")
          .append(b[0] + b[2] / 2)
          .append("\" y=\"")
          .append(b[1] + 29)
          .append("\" text-anchor=\"middle\">")
          .append(esc(truncate(vx.sublabel())))
          .append("</text>")
          .append("</g>\n");
    }
    sb.append("</svg>\n");
    return sb.toString();
  }

  private static void edge(
      Map<String, List<String>> preds, Map<String, List<String>> succs, String from, String to) {
    succs.computeIfAbsent(from, k -> new ArrayList<>()).add(to);
    preds.computeIfAbsent(to, k -> new ArrayList<>()).add(from);
  }

  private static int layerOf(String v, Map<String, List<String>> preds, Map<String, Integer> memo) {
    // Iterative DFS to survive deep chains without a stack overflow.
    Integer known = memo.get(v);
    if (known != null) {
      return known;
    }
    java.util.ArrayDeque<String> stack = new java.util.ArrayDeque<>();
    stack.push(v);
    while (!stack.isEmpty()) {
      String cur = stack.peek();
      if (memo.containsKey(cur)) {
        stack.pop();
        continue;
      }
      boolean ready = true;
      int max = -1;
      for (String p : preds.getOrDefault(cur, List.of())) {
        Integer l = memo.get(p);
        if (l == null) {
          ready = false;
          stack.push(p);
        } else {
          max = Math.max(max, l);
        }
      }
      if (ready) {
        memo.put(cur, max + 1);
        stack.pop();
      }
    }
    return memo.get(v);
  }

  private static int boxWidth(Vertex v) {
    int chars = Math.max(v.label().length(), Math.min(28, v.sublabel().length()) * 10 / 12);
    return (int) Math.ceil(chars * CHAR_W) + 24;
  }

  private static String truncate(String s) {
    return s.length() <= 28 ? s : s.substring(0, 27) + "…";
  }

  static String esc(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
