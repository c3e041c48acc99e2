package io.constellation.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A {@code list} subcommand: GETs a JSON array from the server and prints one line per element, or
 * the array itself with {@code --json}.
 */
abstract class ServerListCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin ServerOptions serverOptions;

  @Option(names = "--json", description = "print the server's JSON")
  boolean json;

  /** The API path of the list, e.g. {@code /pipelines}. */
  abstract String path();

  /** What to print when the list is empty. */
  abstract String emptyMessage();

  /** One line describing {@code element}. */
  abstract String line(JsonNode element);

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    JsonNode list = serverOptions.client().get(path());
    if (json) {
      Output.json(out, list);
      return 0;
    }
    if (list.isEmpty()) {
      out.println(emptyMessage());
    }
    for (JsonNode element : list) {
      out.println(line(element));
    }
    out.flush();
    return 0;
  }

  /** {@code name: Type, ...} from an object of {@code {"name": {"type": ..}}} entries. */
  static String typedNames(JsonNode object) {
    StringBuilder sb = new StringBuilder();
    object
        .fields()
        .forEachRemaining(
            e ->
                sb.append(sb.isEmpty() ? "" : ", ")
                    .append(e.getKey())
                    .append(": ")
                    .append(e.getValue().path("type").asText()));
    return sb.toString();
  }
}
