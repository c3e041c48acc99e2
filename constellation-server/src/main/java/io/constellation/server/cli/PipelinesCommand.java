package io.constellation.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code constellation pipelines list}. */
@Command(
    name = "pipelines",
    mixinStandardHelpOptions = true,
    description = "Pipelines stored on a server.",
    subcommands = PipelinesCommand.List.class)
final class PipelinesCommand implements Runnable {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Lists the pipelines of a server.")
  static final class List implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--server", paramLabel = "URL")
    String server;

    @Option(names = "--api-key", paramLabel = "KEY")
    String apiKey;

    @Option(names = "--json")
    boolean json;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      JsonNode list = ServerClient.of(server, apiKey).get("/pipelines");
      if (json) {
        Output.json(out, list);
        return 0;
      }
      if (list.isEmpty()) {
        out.println("no pipelines");
      }
      for (JsonNode p : list) {
        StringBuilder ins = new StringBuilder();
        p.path("inputs")
            .fields()
            .forEachRemaining(
                e ->
                    ins.append(ins.isEmpty() ? "" : ", ")
                        .append(e.getKey())
                        .append(": ")
                        .append(e.getValue().path("type").asText()));
        String aliases =
            p.path("aliases").isEmpty() ? "(no alias)" : String.join(",", iter(p.path("aliases")));
        out.printf("%-24s %s  in(%s)%n", aliases, p.path("ref").asText().substring(0, 19), ins);
      }
      out.flush();
      return 0;
    }
  }

  static java.util.List<String> iter(JsonNode arr) {
    java.util.List<String> out = new java.util.ArrayList<>();
    arr.forEach(n -> out.add(n.asText()));
    return out;
  }
}
