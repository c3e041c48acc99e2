package io.constellation.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
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
  static final class List extends ServerListCommand {
    @Override
    String path() {
      return "/executions";
    }

    @Override
    String emptyMessage() {
      return "no suspended executions";
    }

    @Override
    String line(JsonNode s) {
      return String.format(
          "%s  %-20s resumes=%d  waiting for: %s",
          s.path("handle").asText(),
          s.path("pipeline").asText(),
          s.path("resumptionCount").asInt(),
          typedNames(s.path("missingInputs")));
    }
  }
}
