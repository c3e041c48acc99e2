package io.constellation.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code constellation pipelines list}: the pipelines stored on a server. */
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
  static final class List extends ServerListCommand {
    @Override
    String path() {
      return "/pipelines";
    }

    @Override
    String emptyMessage() {
      return "no pipelines";
    }

    @Override
    String line(JsonNode p) {
      java.util.List<String> aliases = new ArrayList<>();
      p.path("aliases").forEach(n -> aliases.add(n.asText()));
      return String.format(
          "%-24s %s  in(%s)",
          aliases.isEmpty() ? "(no alias)" : String.join(",", aliases),
          p.path("ref").asText().substring(0, 19),
          typedNames(p.path("inputs")));
    }
  }
}
