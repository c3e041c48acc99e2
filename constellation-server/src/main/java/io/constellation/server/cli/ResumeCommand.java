package io.constellation.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.constellation.SuspensionNotFoundException;
import io.constellation.execution.DataSignature;
import io.constellation.server.http.Views;
import io.constellation.suspension.SuspendedExecution;
import io.constellation.suspension.SuspensionHandle;
import io.constellation.type.CType;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code constellation resume HANDLE --input k=v}: on a server, or locally with {@code --data}. */
@Command(
    name = "resume",
    mixinStandardHelpOptions = true,
    description = {
      "Resumes a suspended execution with more inputs, on a server (default http://localhost:8080,",
      "or CONSTELLATION_SERVER) or, with --data DIR, in this process from DIR's SQLite store.",
      "Exit codes: 0 completed, 2 suspended again, 1 failed or bad input."
    })
final class ResumeCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "HANDLE")
  String handle;

  @Option(
      names = {"-i", "--input"},
      paramLabel = "NAME=VALUE",
      description = "an input (repeatable)")
  List<String> inputs = new ArrayList<>();

  @Option(
      names = "--inputs",
      paramLabel = "JSON|@FILE",
      description = "inputs as a plain JSON object")
  String inputsJson;

  @Option(names = "--json", description = "print the result as JSON")
  boolean json;

  @Mixin ServerOptions serverOptions;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "resume locally from DIR's SQLite store")
  Path dataDir;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    JsonNode result = dataDir != null ? local() : remote();
    if (json) {
      Output.json(out, result);
      return Output.exitCode(result);
    }
    String hint =
        "constellation resume "
            + Output.shellQuote(result.path("suspensionHandle").asText(handle))
            + (dataDir != null
                ? " --data " + Output.shellQuote(dataDir.toString())
                : serverOptions.server != null ? " --server " + serverOptions.server : "");
    return Output.result(out, result, hint);
  }

  private JsonNode remote() {
    ServerClient client = serverOptions.client();
    JsonNode exec = client.get("/executions/" + handle);
    Map<String, CType> types = new LinkedHashMap<>();
    // Types from the server's descriptions: {"type": ..., "kind": ...}; only String-ness matters
    // for reading k=v, the server checks the rest.
    exec.path("pipelineInputs")
        .fields()
        .forEachRemaining(e -> types.put(e.getKey(), textType(e.getValue())));
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.set("additionalInputs", CliInputs.toJson(inputs, inputsJson, types));
    return client.post("/executions/" + handle + "/resume", body);
  }

  private static CType textType(JsonNode description) {
    String kind = description.path("kind").asText();
    if (kind.equals("string")) {
      return CType.STRING;
    }
    if (kind.equals("optional")
        && description.path("inner").path("kind").asText().equals("string")) {
      return CType.optional(CType.STRING);
    }
    return CType.INT; // any non-text type: the value is read as JSON
  }

  private JsonNode local() {
    try (LocalEngine local = LocalEngine.open(Optional.of(dataDir))) {
      SuspensionHandle h = new SuspensionHandle(handle);
      SuspendedExecution s =
          local
              .engine
              .suspensionStore()
              .load(h)
              .orElseThrow(
                  () ->
                      new SuspensionNotFoundException(
                          "no suspended execution '" + handle + "' in " + dataDir));
      Map<String, CType> types = s.image().dag().inputs();
      ObjectNode given = CliInputs.toJson(inputs, inputsJson, types);
      long t0 = System.nanoTime();
      DataSignature r = local.engine.resume(h, CliInputs.values(given, types));
      return Views.signature(r, s.image().name(), (System.nanoTime() - t0) / 1_000_000);
    }
  }
}
