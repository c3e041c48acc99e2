package io.constellation.benchmarks;

import io.constellation.Constellation;
import io.constellation.ConstellationImpl;
import io.constellation.lang.CompileResult;
import io.constellation.lang.ConstellationCompiler;
import io.constellation.lang.Stdlib;
import io.constellation.pipeline.PipelineImage;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * P6: compiling a 500-line pipeline (module calls, arithmetic, conditionals, comments) from
 * scratch, and recompiling the unchanged source (a syntactic-index hit). The fresh compile varies
 * only its first comment line per op, so every op misses the index and parses, checks, builds and
 * stores the image.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class P6CompileBenchmark {
  public static final int LINES = 500;

  Constellation engine;
  ConstellationCompiler compiler;
  String body;
  String unchanged;
  long counter;

  @Setup
  public void setup() {
    engine = ConstellationImpl.builder().build();
    Stdlib.register(engine);
    compiler = ConstellationCompiler.forEngine(engine);
    body = source(LINES - 1);
    unchanged = "# benchmark pipeline\n" + body;
    compiler.compileOrThrow(unchanged, "p6");
  }

  @TearDown
  public void tearDown() {
    engine.shutdown(Duration.ofSeconds(5));
  }

  /** Returns the number of nodes of the image. */
  @Benchmark
  public int compileFresh() {
    String src = "# benchmark pipeline " + (counter++) + "\n" + body;
    return compiler.compileOrThrow(src, "p6").dag().nodes().size();
  }

  @Benchmark
  public int recompileUnchanged() {
    CompileResult r = compiler.compile(unchanged, "p6");
    PipelineImage image = r.orThrow();
    return image.dag().nodes().size();
  }

  /** {@code lines} lines of constellation-lang (the caller adds one header comment line). */
  public static String source(int lines) {
    StringBuilder sb = new StringBuilder();
    sb.append("use stdlib.math as m\n");
    sb.append("in x: Int\n");
    int written = 2;
    int v = 0;
    sb.append("v0 = m.add(x, 1)\n");
    written++;
    while (written < lines - 1) {
      String p = "v" + v;
      String n = "v" + (v + 1);
      switch (v % 6) {
        case 0 -> sb.append(n).append(" = m.add(").append(p).append(", x)\n");
        case 1 -> sb.append(n).append(" = ").append(p).append(" * 2 - x\n");
        case 2 ->
            sb.append(n)
                .append(" = if (")
                .append(p)
                .append(" > 1000) ")
                .append(p)
                .append(" - 1000 else ")
                .append(p)
                .append(" + 3\n");
        case 3 -> sb.append("# step ").append(v).append(": keep the value in range\n");
        case 4 -> sb.append(n).append(" = stdlib.math.subtract(").append(p).append(", 1)\n");
        default -> sb.append(n).append(" = ").append(p).append(" + x % 7\n");
      }
      if (v % 6 != 3) {
        v++;
      } else {
        // a comment line defines nothing; keep the chain going from the same value
        sb.append(n).append(" = ").append(p).append("\n");
        written++;
        v++;
      }
      written++;
    }
    sb.append("out v").append(v).append('\n');
    return sb.toString();
  }
}
