package io.constellation.benchmarks;

import io.constellation.module.Module;
import io.constellation.module.ModuleRegistry;
import io.constellation.pipeline.CallOptions;
import io.constellation.pipeline.Pipeline;
import io.constellation.pipeline.PipelineImage;
import io.constellation.type.CType;
import io.constellation.type.CValue;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The DAG shapes and no-op modules of DESIGN §13, shared by the engine benchmarks and their
 * hand-written comparators so every implementation computes the same values.
 *
 * <ul>
 *   <li>chain: {@code c0 = Inc(x)}, {@code c_i = Inc(c_{i-1})}; with {@code x = 0} the sink is the
 *       chain length.
 *   <li>fan-out: {@code f_i = Inc(x)} for every branch, joined by one {@code Sum} module; with
 *       {@code x = 0} the sink is the branch count.
 *   <li>lattice: a {@code side × side} grid, node (r, c) adds its upper and left neighbours (edge
 *       nodes copy their one neighbour); with {@code x = 1} the sink is the number of monotone
 *       lattice paths, C(2(side-1), side-1).
 * </ul>
 */
public final class Workloads {
  public static final String INC = "bench.Inc";
  public static final String ID = "bench.Id";
  public static final String ADD = "bench.Add";
  public static final String SUM = "bench.Sum";
  public static final String ECHO = "bench.Echo";

  public static final int CHAIN = 1000;
  public static final int FANOUT = 1000;
  public static final int SIDE = 32;

  private Workloads() {}

  /** Inc, Id, Add, Echo and a Sum with {@code sumArity} inputs {@code i0..}. */
  public static Module[] modules(int sumArity) {
    Module inc =
        Module.builder(INC)
            .input("x", CType.INT)
            .output("out", CType.INT)
            .implementation(in -> Map.of("out", CValue.of(in.getLong("x") + 1)))
            .build();
    Module id =
        Module.builder(ID)
            .input("x", CType.INT)
            .output("out", CType.INT)
            .implementation(in -> Map.of("out", in.get("x")))
            .build();
    Module add =
        Module.builder(ADD)
            .input("a", CType.INT)
            .input("b", CType.INT)
            .output("out", CType.INT)
            .implementation(in -> Map.of("out", CValue.of(in.getLong("a") + in.getLong("b"))))
            .build();
    Module.Builder sb = Module.builder(SUM).output("out", CType.INT);
    for (int i = 0; i < sumArity; i++) {
      sb.input("i" + i, CType.INT);
    }
    Module sum =
        sb.implementation(
                in -> {
                  long s = 0;
                  for (CValue v : in.asMap().values()) {
                    s += ((CValue.CInt) v).value();
                  }
                  return Map.of("out", CValue.of(s));
                })
            .build();
    Module echo =
        Module.builder(ECHO)
            .input("s", CType.STRING)
            .output("out", CType.STRING)
            .implementation(in -> Map.of("out", in.get("s")))
            .build();
    return new Module[] {inc, id, add, sum, echo};
  }

  public static PipelineImage chain(ModuleRegistry registry, int n) {
    Pipeline.Builder b = Pipeline.builder("chain-" + n).input("x", CType.INT);
    String prev = "x";
    for (int i = 0; i < n; i++) {
      b.call("c" + i, INC, Map.of("x", prev));
      prev = "c" + i;
    }
    return b.output("sink", prev).build(registry);
  }

  public static PipelineImage fanOut(ModuleRegistry registry, int n) {
    Pipeline.Builder b = Pipeline.builder("fanout-" + n).input("x", CType.INT);
    Map<String, String> join = new HashMap<>();
    for (int i = 0; i < n; i++) {
      b.call("f" + i, INC, Map.of("x", "x"));
      join.put("i" + i, "f" + i);
    }
    b.call("join", SUM, join);
    return b.output("sink", "join").build(registry);
  }

  public static PipelineImage lattice(ModuleRegistry registry, int side) {
    Pipeline.Builder b = Pipeline.builder("lattice-" + side).input("x", CType.INT);
    for (int r = 0; r < side; r++) {
      for (int c = 0; c < side; c++) {
        String id = node(r, c);
        if (r == 0 && c == 0) {
          b.call(id, ID, Map.of("x", "x"));
        } else if (r == 0) {
          b.call(id, ID, Map.of("x", node(0, c - 1)));
        } else if (c == 0) {
          b.call(id, ID, Map.of("x", node(r - 1, 0)));
        } else {
          b.call(id, ADD, Map.of("a", node(r - 1, c), "b", node(r, c - 1)));
        }
      }
    }
    return b.output("sink", node(side - 1, side - 1)).build(registry);
  }

  /** A chain of {@code n} Echo calls cached for an hour: after one run, every call is a hit. */
  public static PipelineImage cachedEchoChain(ModuleRegistry registry, int n) {
    CallOptions cached = CallOptions.builder().cache(Duration.ofHours(1)).build();
    Pipeline.Builder b = Pipeline.builder("cached-echo-" + n).input("s", CType.STRING);
    String prev = "s";
    for (int i = 0; i < n; i++) {
      b.call("e" + i, ECHO, Map.of("s", prev), cached);
      prev = "e" + i;
    }
    return b.output("sink", prev).build(registry);
  }

  /**
   * {@code half} Inc calls on input {@code a} and {@code half} on input {@code b}: run with {@code
   * a} only, it computes {@code half} values and suspends waiting for {@code b}.
   */
  public static PipelineImage twoHalves(ModuleRegistry registry, int half) {
    Pipeline.Builder b =
        Pipeline.builder("halves-" + half).input("a", CType.INT).input("b", CType.INT);
    for (int i = 0; i < half; i++) {
      b.call("p" + i, INC, Map.of("x", "a"));
      b.call("q" + i, INC, Map.of("x", "b"));
    }
    return b.output("p", "p" + (half - 1)).output("q", "q" + (half - 1)).build(registry);
  }

  public static String node(int r, int c) {
    return "n" + r + "_" + c;
  }

  /** C(2(side-1), side-1): the lattice sink for {@code x = 1} (exact in a long up to side 33). */
  public static long latticeSink(int side) {
    long[] row = new long[side];
    java.util.Arrays.fill(row, 1);
    for (int r = 1; r < side; r++) {
      for (int c = 1; c < side; c++) {
        row[c] += row[c - 1];
      }
    }
    return row[side - 1];
  }

  /** A printable string of exactly {@code bytes} ASCII characters. */
  public static String text(int bytes) {
    StringBuilder sb = new StringBuilder(bytes);
    for (int i = 0; i < bytes; i++) {
      sb.append((char) ('a' + (i * 7) % 26));
    }
    return sb.toString();
  }

  /** Inputs map of one Int. */
  public static Map<String, CValue> intInput(String name, long v) {
    Map<String, CValue> m = new LinkedHashMap<>();
    m.put(name, CValue.of(v));
    return Map.copyOf(m);
  }
}
