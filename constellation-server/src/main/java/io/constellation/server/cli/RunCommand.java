package io.constellation.server.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.constellation.execution.DataSignature;
import io.constellation.impl.PipelineStoreImpl;
import io.constellation.lang.CompileError;
import io.constellation.lang.CompileResult;
import io.constellation.lang.ConstellationCompiler;
import io.constellation.pipeline.PipelineImage;
import io.constellation.server.http.Views;
import io.constellation.type.CValue;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code constellation run FILE --input k=v ... [--json]}: compile and run locally. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Compiles FILE and runs it in this process. Missing inputs suspend the run (exit 2) and the",
      "command to resume is printed. Exit codes: 0 completed, 2 suspended, 1 failed or bad input."
    })
final class RunCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "a .cst pipeline")
  Path file;

  @Option(
      names = {"-i", "--input"},
      paramLabel = "NAME=VALUE",
      description = "an input (repeatable); strings as-is, other types as JSON")
  List<String> inputs = new ArrayList<>();

  @Option(
      names = "--inputs",
      paramLabel = "JSON|@FILE",
      description = "inputs as a plain JSON object")
  String inputsJson;

  @Option(names = "--json", description = "print the result as JSON")
  boolean json;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description =
          "save a suspension in DIR's SQLite store so 'resume --data DIR' can continue it")
  Path dataDir;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String source = read(file);
    String name = file.getFileName().toString().replaceFirst("\\.cst$", "");
    try (LocalEngine local = LocalEngine.open(Optional.ofNullable(dataDir))) {
      Optional<PipelineImage> image = compile(local, source, name, err);
      if (image.isEmpty()) {
        return ConstellationCli.FAILED;
      }
      PipelineImage img = image.get();
      ObjectNode given = CliInputs.toJson(inputs, inputsJson, img.dag().inputs());
      Map<String, CValue> values = CliInputs.values(given, img.dag().inputs());
      long t0 = System.nanoTime();
      DataSignature result = awaitWithProgress(local, img, values, err);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      ObjectNode view = Views.signature(result, img.name(), ms);
      if (json) {
        Output.json(out, view);
        return Output.exitCode(view);
      }
      String hint;
      if (dataDir != null && result.suspensionHandle().isPresent()) {
        hint =
            "constellation resume "
                + result.suspensionHandle().get().id()
                + " --data "
                + Output.shellQuote(dataDir.toString());
      } else {
        StringBuilder sb =
            new StringBuilder("constellation run " + Output.shellQuote(file.toString()));
        for (String pair : inputs) {
          sb.append(" --input ").append(Output.shellQuote(pair));
        }
        if (inputsJson != null) {
          sb.append(" --inputs ").append(Output.shellQuote(inputsJson));
        }
        hint = sb.toString();
      }
      return Output.result(out, view, hint);
    }
  }

  private DataSignature awaitWithProgress(
      LocalEngine local, PipelineImage img, Map<String, CValue> values, PrintWriter err) {
    var run = local.engine.runAsync(img, values);
    try {
      return local.progress.await(
          run,
          img.name(),
          img.dag().moduleNodes().size(),
          json ? new PrintWriter(java.io.Writer.nullWriter()) : err);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + img.name());
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** Compiles, printing every error with its source line and caret; empty on errors. */
  static Optional<PipelineImage> compile(
      LocalEngine local, String source, String name, PrintWriter err) {
    CompileResult r =
        ConstellationCompiler.of(local.engine.registry(), new PipelineStoreImpl())
            .compile(source, name);
    if (!r.succeeded()) {
      err.println(
          "error: "
              + name
              + " does not compile ("
              + r.errors().size()
              + " error"
              + (r.errors().size() == 1 ? "" : "s")
              + ")");
      for (CompileError e : r.errors()) {
        err.println(e.format());
      }
      err.flush();
      return Optional.empty();
    }
    return r.image();
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new IllegalArgumentException(file + ": no such file");
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage());
    }
  }
}
