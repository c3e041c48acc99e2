package io.constellation.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.Result;

/**
 * Turns JMH results (keyed {@code Class.method}) into the §13 table. Units: µs unless a column says
 * otherwise; a ratio is ours divided by the comparator (for throughput: comparator divided by
 * ours), so above 1 means slower than the comparator.
 */
final class ResultTable {
  private ResultTable() {}

  record Row(
      String workload,
      String ours,
      String comparator,
      String ratio,
      String target,
      String verdict) {}

  static String render(Map<String, Result<?>> r, DedupeCheck.Outcome dedupe) {
    List<Row> rows = new ArrayList<>();
    p1(rows, r, "P1 chain (1000)", "Chain", Workloads.CHAIN);
    p1(rows, r, "P1 fan-out (1000 + join)", "FanOut", Workloads.FANOUT + 1);
    p1(rows, r, "P1 lattice (32x32)", "Lattice", Workloads.SIDE * Workloads.SIDE);

    Double thr = score(r, "P2SingleModuleBenchmark.oursThroughput");
    Double p99 = p99(r, "P2SingleModuleBenchmark.oursLatency");
    Double cfThr = score(r, "P2SingleModuleBenchmark.cfThroughput");
    rows.add(
        new Row(
            "P2 single-module closed loop (2 threads)",
            thr == null ? "n/a" : fmt("%,.0f runs/s; p99 %.1f µs", thr, nz(p99)),
            cfThr == null ? "n/a" : fmt("CF stage %,.0f/s", cfThr),
            thr == null || cfThr == null ? "n/a" : fmt("%.2fx", cfThr / thr),
            ">= 50,000 runs/s; p99 <= 500 µs",
            verdict(
                thr != null && p99 != null,
                thr != null && thr >= 50_000 && p99 != null && p99 <= 500)));

    Double obs = score(r, "P3ObservedBenchmark.observed");
    Double def = score(r, "P3ObservedBenchmark.defaults");
    Double ratio3 = obs == null || def == null ? null : obs / def;
    rows.add(
        new Row(
            "P3 lattice + 3 listeners + metrics + tracer",
            obs == null ? "n/a" : fmt("%.1f µs/run", obs),
            def == null ? "n/a" : fmt("defaults %.1f µs/run", def),
            ratio3 == null ? "n/a" : fmt("%.2fx", ratio3),
            "<= 1.2x defaults",
            verdict(ratio3 != null, ratio3 != null && ratio3 <= 1.2)));

    Double chain = score(r, "P4CacheHitBenchmark.oursHitChain");
    Double perHit = chain == null ? null : chain / P4CacheHitBenchmark.HITS;
    Double rawHit = score(r, "P4CacheHitBenchmark.rawKeyAndGet");
    rows.add(
        new Row(
            "P4 cache hit (in-memory, 1 KB input)",
            perHit == null ? "n/a" : fmt("%.2f µs/hit", perHit),
            rawHit == null ? "n/a" : fmt("key+CHM %.2f µs", rawHit),
            perHit == null || rawHit == null ? "n/a" : fmt("%.2fx", perHit / rawHit),
            "<= 2 µs/hit; 1000 concurrent misses compute once ("
                + dedupe.computations()
                + " computed, "
                + dedupe.correct()
                + "/"
                + dedupe.runs()
                + " correct)",
            verdict(perHit != null, perHit != null && perHit <= 2.0 && dedupe.passed())));

    Double p5 = p99(r, "P5SuspendResumeBenchmark.suspendSaveLoadResume");
    Double p5mean = score(r, "P5SuspendResumeBenchmark.suspendSaveLoadResume");
    Double plain = p99(r, "P5SuspendResumeBenchmark.uninterruptedRun");
    rows.add(
        new Row(
            "P5 suspend/save/load/resume (100 modules, 50 computed)",
            p5 == null ? "n/a" : fmt("p99 %.1f µs (mean %.1f)", p5, nz(p5mean)),
            plain == null ? "n/a" : fmt("one run p99 %.1f µs", plain),
            p5 == null || plain == null ? "n/a" : fmt("%.2fx", p5 / plain),
            "p99 <= 1 ms",
            verdict(p5 != null, p5 != null && p5 <= 1000)));

    Double fresh = score(r, "P6CompileBenchmark.compileFresh");
    Double again = score(r, "P6CompileBenchmark.recompileUnchanged");
    rows.add(
        new Row(
            "P6 compile 500 lines",
            fresh == null ? "n/a" : fmt("%.2f ms", fresh / 1000),
            "-",
            "-",
            "<= 50 ms",
            verdict(fresh != null, fresh != null && fresh <= 50_000)));
    rows.add(
        new Row(
            "P6 recompile unchanged",
            again == null ? "n/a" : fmt("%.1f µs", again),
            fresh == null ? "n/a" : fmt("fresh %.2f ms", fresh / 1000),
            again == null || fresh == null ? "n/a" : fmt("%.4fx", again / fresh),
            "<= 1 ms",
            verdict(again != null, again != null && again <= 1000)));
    return markdown(rows);
  }

  private static void p1(
      List<Row> rows, Map<String, Result<?>> r, String label, String shape, int modules) {
    Double ours = score(r, "P1ShapesBenchmark.ours" + shape);
    Double cf = score(r, "P1ShapesBenchmark.cf" + shape);
    Double ps = score(r, "P1ShapesBenchmark.parseq" + shape);
    Double perModule = ours == null ? null : ours * 1000 / modules;
    Double ratio = ours == null || cf == null ? null : ours / cf;
    rows.add(
        new Row(
            label,
            ours == null ? "n/a" : fmt("%.1f µs/run = %.0f ns/module", ours, perModule),
            fmt("CF floor %s; ParSeq %s", us(cf), us(ps)),
            ratio == null
                ? "n/a"
                : fmt(
                    "%.2fx floor; %s ParSeq", ratio, ps == null ? "n/a" : fmt("%.2fx", ours / ps)),
            "<= 1 µs/module; <= 10x floor",
            verdict(ratio != null, ratio != null && perModule <= 1000 && ratio <= 10)));
  }

  private static String us(Double v) {
    return v == null ? "n/a" : fmt("%.1f µs", v);
  }

  private static double nz(Double v) {
    return v == null ? Double.NaN : v;
  }

  private static Double score(Map<String, Result<?>> r, String key) {
    Result<?> res = r.get(key);
    return res == null ? null : res.getScore();
  }

  private static Double p99(Map<String, Result<?>> r, String key) {
    Result<?> res = r.get(key);
    return res == null ? null : res.getStatistics().getPercentile(99.0);
  }

  private static String verdict(boolean measured, boolean pass) {
    return !measured ? "not run" : pass ? "PASS" : "FAIL";
  }

  private static String fmt(String f, Object... args) {
    return String.format(Locale.ROOT, f, args);
  }

  static String markdown(List<Row> rows) {
    String[] head = {"workload", "ours", "comparator", "ratio", "target", "result"};
    int[] w = new int[head.length];
    for (int i = 0; i < head.length; i++) {
      w[i] = head[i].length();
    }
    for (Row row : rows) {
      String[] c = cells(row);
      for (int i = 0; i < c.length; i++) {
        w[i] = Math.max(w[i], c[i].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    line(sb, head, w);
    String[] dashes = new String[head.length];
    for (int i = 0; i < head.length; i++) {
      dashes[i] = "-".repeat(w[i]);
    }
    line(sb, dashes, w);
    for (Row row : rows) {
      line(sb, cells(row), w);
    }
    return sb.toString();
  }

  private static String[] cells(Row r) {
    return new String[] {
      r.workload(), r.ours(), r.comparator(), r.ratio(), r.target(), r.verdict()
    };
  }

  private static void line(StringBuilder sb, String[] cells, int[] w) {
    sb.append('|');
    for (int i = 0; i < cells.length; i++) {
      sb.append(' ').append(cells[i]).append(" ".repeat(w[i] - cells[i].length())).append(" |");
    }
    sb.append('\n');
  }
}
