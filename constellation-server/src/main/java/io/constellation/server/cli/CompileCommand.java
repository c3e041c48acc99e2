package io.constellation.server.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.constellation.pipeline.PipelineImage;
import io.constellation.server.http.Views;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code constellation compile FILE}: check a pipeline and print its inputs, outputs and hash. */
@Command(
    name = "compile",
    mixinStandardHelpOptions = true,
    description =
        "Compiles FILE and prints its hash, inputs and outputs; every error with line:column (exit 1).")
final class CompileCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE")
  Path file;

  @Option(names = "--json", description = "print the pipeline description as JSON")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    String source = RunCommand.read(file);
    String name = file.getFileName().toString().replaceFirst("\\.cst$", "");
    try (LocalEngine local = LocalEngine.open(Optional.empty())) {
      Optional<PipelineImage> image =
          RunCommand.compile(local, source, name, spec.commandLine().getErr());
      if (image.isEmpty()) {
        return ConstellationCli.FAILED;
      }
      PipelineImage img = image.get();
      ObjectNode view = Views.pipelineDetail(img, List.of());
      if (json) {
        Output.json(out, view);
        return ConstellationCli.OK;
      }
      out.println(name + ": ok  " + img.ref());
      img.dag().inputs().forEach((k, v) -> out.println("  in  " + k + ": " + v));
      img.dag().outputTypes().forEach((k, v) -> out.println("  out " + k + ": " + v));
      out.println(
          "  "
              + img.dag().moduleNodes().size()
              + " module calls, "
              + img.dag().nodes().size()
              + " nodes");
      out.flush();
      return ConstellationCli.OK;
    }
  }
}
