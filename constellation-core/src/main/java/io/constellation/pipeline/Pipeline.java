package io.constellation.pipeline;

import static java.util.Objects.requireNonNull;

import io.constellation.PipelineValidationException;
import io.constellation.module.Module;
import io.constellation.module.ModuleRegistry;
import io.constellation.pipeline.expr.Expr;
import io.constellation.type.CType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds pipelines in Java, without the language.
 *
 * <pre>{@code
 * PipelineImage image = Pipeline.builder("text")
 *     .input("text", CType.STRING)
 *     .call("upper", "Uppercase", Map.of("text", "text"),
 *           CallOptions.builder().cache(Duration.ofMinutes(5)).build())
 *     .output("upper")
 *     .build(constellation.registry());
 * }</pre>
 *
 * <p>A call {@code id} produces the data node {@code id} (the module's first output) and {@code
 * id.<output>} for each other output. Module output types come from the registry when the image is
 * built, so an unknown module or a type mismatch is reported by {@code build}, before anything
 * runs, with every problem listed.
 */
public final class Pipeline {
  private Pipeline() {}

  public static Builder builder(String name) {
    return new Builder(requireNonNull(name, "name"));
  }

  /** Builds a {@link PipelineImage}. Not thread-safe. */
  public static final class Builder {
    private record Call(
        String id, String module, Map<String, String> bindings, CallOptions options) {}

    private record Expression(String id, Expr expr, Map<String, String> variables) {}

    private final String name;
    private final Map<String, DataNode> inputs = new LinkedHashMap<>();
    private final List<Object> steps = new ArrayList<>();
    private final Map<String, String> outputs = new LinkedHashMap<>();

    private Builder(String name) {
      this.name = name;
    }

    /** Declares an input. */
    public Builder input(String name, CType type) {
      inputs.put(requireNonNull(name, "name"), new DataNode(name, requireNonNull(type, "type")));
      return this;
    }

    /** Calls {@code module} binding its inputs (module input → data node name). */
    public Builder call(String id, String module, Map<String, String> bindings) {
      return call(id, module, bindings, CallOptions.DEFAULT);
    }

    /** Calls {@code module} with options. */
    public Builder call(
        String id, String module, Map<String, String> bindings, CallOptions options) {
      steps.add(
          new Call(
              requireNonNull(id, "id"),
              requireNonNull(module, "module"),
              Map.copyOf(bindings),
              requireNonNull(options, "options")));
      return this;
    }

    /** A built-in expression node producing data node {@code id}. */
    public Builder expression(String id, Expr expr, Map<String, String> variables) {
      steps.add(
          new Expression(
              requireNonNull(id, "id"), requireNonNull(expr, "expr"), Map.copyOf(variables)));
      return this;
    }

    /** Declares data node {@code dataNode} as an output of the same name. */
    public Builder output(String dataNode) {
      return output(dataNode, dataNode);
    }

    /** Declares output {@code name} bound to {@code dataNode}. */
    public Builder output(String name, String dataNode) {
      outputs.put(requireNonNull(name, "name"), requireNonNull(dataNode, "dataNode"));
      return this;
    }

    /**
     * Resolves module types from {@code registry} and makes the image.
     *
     * @throws PipelineValidationException listing every problem
     */
    public PipelineImage build(ModuleRegistry registry) {
      requireNonNull(registry, "registry");
      Map<String, DataNode> data = new LinkedHashMap<>(inputs);
      List<DagNode> nodes = new ArrayList<>();
      List<String> problems = new ArrayList<>();
      for (Object step : steps) {
        if (step instanceof Call c) {
          Optional<Module> found = registry.find(c.module());
          if (found.isEmpty()) {
            problems.add("call '" + c.id() + "': unknown module '" + c.module() + "'");
            continue;
          }
          Module m = found.get();
          Map<String, String> outs = new LinkedHashMap<>();
          m.outputs()
              .forEach(
                  (out, type) -> {
                    String dataName = out.equals(m.primaryOutput()) ? c.id() : c.id() + "." + out;
                    outs.put(out, dataName);
                    if (data.putIfAbsent(dataName, new DataNode(dataName, type)) != null) {
                      problems.add("name '" + dataName + "' is defined twice");
                    }
                  });
          nodes.add(new ModuleNode(c.id(), m.name(), c.bindings(), outs, c.options()));
        } else if (step instanceof Expression e) {
          if (data.putIfAbsent(e.id(), new DataNode(e.id(), e.expr().type())) != null) {
            problems.add("name '" + e.id() + "' is defined twice");
          }
          nodes.add(new ExpressionNode(e.id(), e.expr(), e.variables(), e.id()));
        }
      }
      if (!problems.isEmpty()) {
        throw new PipelineValidationException(name, problems);
      }
      DagSpec dag = new DagSpec(name, data, nodes, outputs);
      return PipelineImage.of(
          dag, registry::find, registry.hash(), Optional.empty(), Instant.now());
    }
  }
}
