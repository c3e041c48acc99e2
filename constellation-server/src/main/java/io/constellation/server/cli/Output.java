package io.constellation.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.Iterator;
import java.util.Map;

/** Prints run results (the JSON of the HTTP API) for people or as JSON. */
final class Output {
  static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Output() {}

  static void json(PrintWriter out, JsonNode node) {
    try {
      out.println(MAPPER.writeValueAsString(node));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    out.flush();
  }

  /**
   * Prints a result (see {@code Views.signature}) for people; {@code resumeHint} is the command
   * prefix to resume with, followed by one {@code --input name=<Type>} per missing input.
   */
  static int result(PrintWriter out, JsonNode r, String resumeHint) {
    String status = r.path("status").asText();
    out.println(
        status
            + " in "
            + r.path("durationMs").asLong()
            + " ms (pipeline "
            + r.path("pipeline").asText()
            + ", execution "
            + r.path("executionId").asText()
            + ")");
    for (Iterator<Map.Entry<String, JsonNode>> it = r.path("outputs").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      out.println("  " + e.getKey() + " = " + e.getValue());
    }
    for (JsonNode e : r.path("errors")) {
      out.println(
          "  error in "
              + e.path("module").asText()
              + " ("
              + e.path("node").asText()
              + "): "
              + e.path("message").asText());
    }
    int code = ConstellationCli.OK;
    if (status.equals("SUSPENDED")) {
      code = ConstellationCli.SUSPENDED;
      out.println("waiting for " + r.path("missingInputs").size() + " input(s):");
      StringBuilder hint = new StringBuilder(resumeHint);
      for (Iterator<Map.Entry<String, JsonNode>> it = r.path("missingInputs").fields();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String type = e.getValue().path("type").asText();
        out.println("  " + e.getKey() + ": " + type);
        hint.append(" --input ").append(e.getKey()).append("=<").append(type).append('>');
      }
      out.println("resume with:");
      out.println("  " + hint);
    } else if (!status.equals("COMPLETED")) {
      code = ConstellationCli.FAILED;
    }
    out.flush();
    return code;
  }

  static int exitCode(JsonNode r) {
    return switch (r.path("status").asText()) {
      case "COMPLETED" -> ConstellationCli.OK;
      case "SUSPENDED" -> ConstellationCli.SUSPENDED;
      default -> ConstellationCli.FAILED;
    };
  }

  /** Quotes {@code s} for a POSIX shell when needed. */
  static String shellQuote(String s) {
    if (s.matches("[A-Za-z0-9_./:=@%+,-]+")) {
      return s;
    }
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
