package io.constellation.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code constellation executions list}: the suspended executions of a server. */
@Command(
    name = "executions",
    mixinStandardHelpOptions = true,
    description = "Suspended executions on a server.",
    subcommands = ExecutionsCommand.List.class)
final class ExecutionsCommand implements Runnable {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Lists suspended executions.")
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
      JsonNode list = ServerClient.of(server, apiKey).get("/executions");
      if (json) {
        Output.json(out, list);
        return 0;
      }
      if (list.isEmpty()) {
        out.println("no suspended executions");
      }
      for (JsonNode s : list) {
        StringBuilder missing = new StringBuilder();
        s.path("missingInputs")
            .fields()
            .forEachRemaining(
                e ->
                    missing
                        .append(missing.isEmpty() ? "" : ", ")
                        .append(e.getKey())
                        .append(": ")
                        .append(e.getValue().path("type").asText()));
        out.printf(
            "%s  %-20s resumes=%d  waiting for: %s%n",
            s.path("handle").asText(),
            s.path("pipeline").asText(),
            s.path("resumptionCount").asInt(),
            missing);
      }
      out.flush();
      return 0;
    }
  }
}
