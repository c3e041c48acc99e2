package io.constellation.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.constellation.execution.DataSignature;
import io.constellation.execution.ExecutionError;
import io.constellation.module.Module;
import io.constellation.pipeline.DagNode;
import io.constellation.pipeline.DataNode;
import io.constellation.pipeline.ExpressionNode;
import io.constellation.pipeline.ModuleNode;
import io.constellation.pipeline.PipelineImage;
import io.constellation.suspension.SuspendedExecution;
import io.constellation.suspension.SuspensionSummary;
import io.constellation.type.CType;
import io.constellation.type.PlainJson;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * JSON views of engine objects, with values in plain JSON.
 *
 * <p>Thread-safety: stateless.
 */
public final class Views {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private Views() {}

  public static ObjectNode types(Map<String, CType> types) {
    ObjectNode o = F.objectNode();
    types.forEach((k, v) -> o.set(k, TypeJson.describe(v)));
    return o;
  }

  public static ObjectNode pipelineSummary(PipelineImage image, Collection<String> aliases) {
    ObjectNode o = F.objectNode();
    o.put("name", image.name());
    o.put("structuralHash", image.structuralHash());
    o.put("ref", image.ref());
    ArrayNode a = o.putArray("aliases");
    new TreeSet<>(aliases).forEach(a::add);
    o.set("inputs", types(image.dag().inputs()));
    o.set("outputs", types(image.dag().outputTypes()));
    o.put("modules", image.dag().moduleNodes().size());
    o.put("compiledAt", image.compiledAt().toString());
    return o;
  }

  public static ObjectNode pipelineDetail(PipelineImage image, Collection<String> aliases) {
    ObjectNode o = pipelineSummary(image, aliases);
    image.syntacticHash().ifPresent(h -> o.put("syntacticHash", h));
    o.put("registryHash", image.registryHash());
    ObjectNode examples = o.putObject("examples");
    Map<String, CType> inputs = image.dag().inputs();
    for (String name : inputs.keySet()) {
      DataNode dn = image.dag().dataNodes().get(name);
      dn.example().ifPresent(v -> examples.set(name, PlainJson.write(v)));
    }
    ArrayNode nodes = o.putArray("nodes");
    for (DagNode n : image.dag().nodes()) {
      ObjectNode no = nodes.addObject();
      no.put("id", n.id());
      switch (n) {
        case ModuleNode m -> {
          no.put("kind", "module");
          no.put("module", m.moduleName());
        }
        case ExpressionNode e -> no.put("kind", "expression");
      }
      ObjectNode in = no.putObject("inputs");
      n.inputs().forEach(in::put);
      ArrayNode out = no.putArray("produces");
      n.producedDataNodes().forEach(out::add);
    }
    return o;
  }

  public static ObjectNode signature(DataSignature s, String pipeline, long durationMs) {
    ObjectNode o = F.objectNode();
    o.put("executionId", s.executionId().toString());
    o.put("pipeline", pipeline);
    o.put("structuralHash", s.structuralHash());
    o.put("status", s.status().name());
    o.set("outputs", PlainJson.writeAll(s.outputs()));
    o.set("missingInputs", types(s.missingInputs()));
    ArrayNode pending = o.putArray("pendingOutputs");
    new TreeSet<>(s.pendingOutputs()).forEach(pending::add);
    ArrayNode errors = o.putArray("errors");
    for (ExecutionError e : s.errors()) {
      ObjectNode eo = errors.addObject();
      eo.put("module", e.module());
      eo.put("node", e.node());
      eo.put("message", ApiError.oneLine(e.message()));
      eo.put("attempts", e.attempts());
    }
    o.put("resumptionCount", s.resumptionCount());
    s.suspensionHandle()
        .ifPresentOrElse(
            h -> o.put("suspensionHandle", h.id()), () -> o.putNull("suspensionHandle"));
    o.put("durationMs", durationMs);
    s.metadata()
        .ifPresent(
            md -> {
              ObjectNode timings = o.putObject("moduleTimingsMs");
              new java.util.TreeMap<>(md.moduleTimings())
                  .forEach((k, v) -> timings.put(k, v.toMillis()));
              ArrayNode hits = o.putArray("cacheHits");
              new TreeSet<>(md.cacheHits()).forEach(hits::add);
            });
    return o;
  }

  public static ObjectNode suspensionSummary(SuspensionSummary s, String pipeline) {
    ObjectNode o = F.objectNode();
    o.put("handle", s.handle().id());
    o.put("executionId", s.executionId().toString());
    o.put("pipeline", pipeline);
    o.put("structuralHash", s.structuralHash());
    o.put("resumptionCount", s.resumptionCount());
    o.set("missingInputs", types(s.missingInputs()));
    o.put("createdAt", s.createdAt().toString());
    s.lastResumedAt()
        .ifPresentOrElse(
            t -> o.put("lastResumedAt", t.toString()), () -> o.putNull("lastResumedAt"));
    return o;
  }

  public static ObjectNode suspensionDetail(String handle, SuspendedExecution s) {
    ObjectNode o =
        suspensionSummary(
            s.summary(new io.constellation.suspension.SuspensionHandle(handle)), s.image().name());
    o.put("status", "SUSPENDED");
    o.set("inputs", PlainJson.writeAll(s.inputs()));
    o.set("computedValues", PlainJson.writeAll(s.computedValues()));
    o.set("pipelineInputs", types(s.image().dag().inputs()));
    return o;
  }

  public static ObjectNode history(RunHistory.Entry e) {
    ObjectNode o = F.objectNode();
    o.put("executionId", e.executionId().toString());
    o.put("pipeline", e.pipeline());
    o.put("kind", e.kind());
    o.put("status", e.status().name());
    o.put("startedAt", e.startedAt().toString());
    o.put("durationMs", e.durationMs());
    e.suspensionHandle()
        .ifPresentOrElse(h -> o.put("suspensionHandle", h), () -> o.putNull("suspensionHandle"));
    return o;
  }

  public static ObjectNode running(RunningExecutions.Running r, java.time.Instant now) {
    ObjectNode o = F.objectNode();
    o.put("executionId", r.executionId().toString());
    o.put("pipeline", r.pipeline());
    o.put("startedAt", r.startedAt().toString());
    o.put("elapsedMs", Math.max(0, java.time.Duration.between(r.startedAt(), now).toMillis()));
    o.put("modulesCompleted", r.modulesCompleted());
    o.put("modulesRunning", r.modulesRunning());
    return o;
  }

  public static ObjectNode module(Module m) {
    ObjectNode o = F.objectNode();
    o.put("name", m.name());
    o.put("description", m.metadata().description());
    o.put("version", m.metadata().version());
    ArrayNode tags = o.putArray("tags");
    m.metadata().tags().forEach(tags::add);
    o.set("inputs", types(m.inputs()));
    o.set("outputs", types(m.outputs()));
    return o;
  }

  public static ArrayNode strings(List<String> items) {
    ArrayNode a = F.arrayNode();
    items.forEach(a::add);
    return a;
  }
}
