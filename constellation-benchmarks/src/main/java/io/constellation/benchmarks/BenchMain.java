package io.constellation.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the §13 benchmarks (P1–P6 and their comparators) in one JMH invocation and prints one table:
 * workload, ours, comparator, ratio, target, pass/fail. Writes the raw JMH JSON, the table and the
 * machine to {@code <results>/<timestamp>.json|.md} and {@code <results>/latest.md}.
 *
 * <p>Arguments: {@code --full} (longer profile), {@code --results DIR} (default {@code results}),
 * {@code --include REGEX} (subset of benchmarks, for investigation), {@code --prof NAME} (a JMH
 * profiler such as {@code gc} or {@code jfr}; repeatable). Exit code 0 even when a target is
 * missed: the table says so.
 */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) throws RunnerException, IOException {
    boolean full = false;
    Path results = Path.of("results");
    String include = "io\\.constellation\\.benchmarks\\.P[1-6].*";
    List<String> profilers = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--full" -> full = true;
        case "--results" -> results = Path.of(args[++i]);
        case "--include" -> include = args[++i];
        case "--prof" -> profilers.add(args[++i]);
        default -> {
          System.err.println(
              "unknown argument '"
                  + args[i]
                  + "'; use --full, --results DIR, --include REGEX, --prof NAME");
          System.exit(2);
        }
      }
    }
    Files.createDirectories(results);
    String stamp = ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    Path json = results.resolve(stamp + ".json");

    System.out.println("P4 correctness: 1000 concurrent identical misses of a cached module ...");
    DedupeCheck.Outcome dedupe = DedupeCheck.run(1000);
    System.out.println("  " + dedupe);

    ChainedOptionsBuilder opts =
        new OptionsBuilder()
            .include(include)
            .resultFormat(ResultFormatType.JSON)
            .result(json.toString())
            .jvmArgsAppend("-Xmx1g")
            .shouldFailOnError(true);
    if (full) {
      opts.forks(2)
          .warmupIterations(5)
          .warmupTime(TimeValue.seconds(2))
          .measurementIterations(5)
          .measurementTime(TimeValue.seconds(2));
    } else {
      opts.forks(1)
          .warmupIterations(2)
          .warmupTime(TimeValue.seconds(1))
          .measurementIterations(3)
          .measurementTime(TimeValue.seconds(1));
    }
    for (String p : profilers) {
      opts.addProfiler(p);
    }
    Collection<RunResult> runs = new Runner(opts.build()).run();

    Map<String, Result<?>> byName = new HashMap<>();
    for (RunResult r : runs) {
      String name = r.getParams().getBenchmark();
      byName.put(
          name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1),
          r.getPrimaryResult());
    }
    String machine = machine(full);
    String table = ResultTable.render(byName, dedupe);
    String report = "# Constellation benchmarks (" + stamp + ")\n\n" + machine + "\n\n" + table;
    System.out.println();
    System.out.println(machine);
    System.out.println();
    System.out.println(table);
    Files.writeString(results.resolve(stamp + ".md"), report);
    Files.writeString(results.resolve("latest.md"), report);
    System.out.println("raw JMH results: " + json + "; table: " + results.resolve(stamp + ".md"));
  }

  static String machine(boolean full) {
    return String.format(
        Locale.ROOT,
        "Machine: %d cores, JDK %s (%s), %s/%s; profile %s",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"),
        System.getProperty("java.vm.name"),
        System.getProperty("os.name"),
        System.getProperty("os.arch"),
        full
            ? "full (2 forks, 5x2 s warmup, 5x2 s measurement)"
            : "quick (1 fork, 2x1 s warmup, 3x1 s measurement)");
  }
}
