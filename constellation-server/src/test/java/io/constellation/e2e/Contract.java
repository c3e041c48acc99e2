package io.constellation.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.constellation.tck.ValidatingListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks on what left the engine: Kafka event documents replayed through the TCK's {@link
 * ValidatingListener} (the listener ordering contract), and Prometheus text-format samples.
 */
final class Contract {
  private Contract() {}

  /**
   * Replays {@code events} (JSON documents in the order a consumer read them) through a {@link
   * ValidatingListener}; an unknown {@code event} name is a violation too.
   */
  static ValidatingListener replay(List<KafkaNode.Event> events) {
    ValidatingListener v = new ValidatingListener();
    for (KafkaNode.Event e : events) {
      JsonNode j = e.json();
      UUID exec = UUID.fromString(j.path("executionId").asText());
      UUID module = j.hasNonNull("moduleId") ? UUID.fromString(j.get("moduleId").asText()) : null;
      String dag = j.path("dagName").asText(null);
      String name = j.path("moduleName").asText(null);
      switch (e.name()) {
        case "executionStart" -> v.onExecutionStart(exec, dag);
        case "moduleStart" -> v.onModuleStart(exec, module, name);
        case "moduleCacheHit" -> v.onModuleCacheHit(exec, module, name);
        case "moduleComplete" ->
            v.onModuleComplete(exec, module, name, j.path("durationMs").asLong());
        case "moduleFailed" ->
            v.onModuleFailed(
                exec, module, name, new RuntimeException(j.path("error").path("message").asText()));
        case "executionComplete" ->
            v.onExecutionComplete(
                exec, dag, j.path("succeeded").asBoolean(), j.path("durationMs").asLong());
        case "executionCancelled" -> v.onExecutionCancelled(exec, dag);
        case "executionSuspended" -> {
          Set<String> missing = new TreeSet<>();
          j.path("missingInputs").forEach(n -> missing.add(n.asText()));
          v.onExecutionSuspended(exec, dag, missing);
        }
        default -> throw new AssertionError("unknown event in Kafka record: " + j);
      }
    }
    return v;
  }

  /** Event names per execution id, in consumption order. */
  static Map<UUID, List<String>> byExecution(List<KafkaNode.Event> events) {
    Map<UUID, List<String>> out = new LinkedHashMap<>();
    for (KafkaNode.Event e : events) {
      out.computeIfAbsent(e.executionId(), k -> new ArrayList<>()).add(e.name());
    }
    return out;
  }

  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([^}]*)\\})?\\s+(\\S+)$");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  /**
   * The value of the sample {@code name} whose labels include {@code labels}, summed over every
   * matching series; {@code -1} when no series matches.
   */
  static double sample(String scrape, String name, Map<String, String> labels) {
    double sum = 0;
    boolean found = false;
    for (String line : scrape.split("\n")) {
      if (line.startsWith("#")) {
        continue;
      }
      Matcher m = SAMPLE.matcher(line.strip());
      if (!m.matches() || !m.group(1).equals(name)) {
        continue;
      }
      Map<String, String> got = new LinkedHashMap<>();
      if (m.group(3) != null) {
        Matcher l = LABEL.matcher(m.group(3));
        while (l.find()) {
          got.put(l.group(1), l.group(2));
        }
      }
      if (got.entrySet().containsAll(labels.entrySet())) {
        sum += Double.parseDouble(m.group(4));
        found = true;
      }
    }
    return found ? sum : -1;
  }
}
