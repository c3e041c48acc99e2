package io.constellation.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.constellation.PipelineValidationException;
import io.constellation.module.Module;
import io.constellation.module.ModuleRegistry;
import io.constellation.type.CType;
import io.constellation.type.CValue;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class StructuralHashTest {
  private final ModuleRegistry registry = new ModuleRegistry();

  StructuralHashTest() {
    for (String name : List.of("A", "B", "C")) {
      registry.register(
          Module.builder(name)
              .input("x", CType.STRING)
              .output("out", CType.STRING)
              .implementation(in -> Map.of("out", in.get("x")))
              .build());
    }
    registry.register(
        Module.builder("Join")
            .input("l", CType.STRING)
            .input("r", CType.STRING)
            .output("out", CType.STRING)
            .implementation(in -> Map.of("out", in.get("l")))
            .build());
  }

  private String hash(UnaryOperator<Pipeline.Builder> body) {
    return body.apply(Pipeline.builder("p").input("text", CType.STRING))
        .build(registry)
        .structuralHash();
  }

  private static Pipeline.Builder diamond(Pipeline.Builder b) {
    return b.call("a", "A", Map.of("x", "text"))
        .call("b", "B", Map.of("x", "text"))
        .call("j", "Join", Map.of("l", "a", "r", "b"))
        .output("j");
  }

  @Test
  void equalDagsBuiltTwiceHashTheSame() {
    assertThat(hash(StructuralHashTest::diamond))
        .isEqualTo(hash(StructuralHashTest::diamond))
        .hasSize(64);
  }

  @Test
  void theOrderOfIndependentCallsAndTheirIdsDoNotMatter() {
    String reordered =
        hash(
            b ->
                b.call("second", "B", Map.of("x", "text"))
                    .call("first", "A", Map.of("x", "text"))
                    .call("join", "Join", Map.of("l", "first", "r", "second"))
                    .output("j", "join"));
    assertThat(reordered).isEqualTo(hash(StructuralHashTest::diamond));
  }

  @Test
  void thePipelineNameIsNotPartOfTheHash() {
    String other =
        diamond(Pipeline.builder("renamed").input("text", CType.STRING))
            .build(registry)
            .structuralHash();
    assertThat(other).isEqualTo(hash(StructuralHashTest::diamond));
  }

  @Test
  void everyStructuralChangeChangesTheHash() {
    Set<String> hashes = new HashSet<>();
    hashes.add(hash(StructuralHashTest::diamond));
    // swapped join inputs
    hashes.add(
        hash(
            b ->
                b.call("a", "A", Map.of("x", "text"))
                    .call("b", "B", Map.of("x", "text"))
                    .call("j", "Join", Map.of("l", "b", "r", "a"))
                    .output("j")));
    // different module
    hashes.add(
        hash(
            b ->
                b.call("a", "C", Map.of("x", "text"))
                    .call("b", "B", Map.of("x", "text"))
                    .call("j", "Join", Map.of("l", "a", "r", "b"))
                    .output("j")));
    // different output name
    hashes.add(
        hash(
            b ->
                b.call("a", "A", Map.of("x", "text"))
                    .call("b", "B", Map.of("x", "text"))
                    .call("j", "Join", Map.of("l", "a", "r", "b"))
                    .output("result", "j")));
    // an extra output
    hashes.add(hash(b -> diamond(b).output("a")));
    // an option
    hashes.add(
        hash(
            b ->
                b.call("a", "A", Map.of("x", "text"), CallOptions.builder().retry(1).build())
                    .call("b", "B", Map.of("x", "text"))
                    .call("j", "Join", Map.of("l", "a", "r", "b"))
                    .output("j")));
    hashes.add(
        hash(
            b ->
                b.call(
                        "a",
                        "A",
                        Map.of("x", "text"),
                        CallOptions.builder().cache(Duration.ofMinutes(1)).build())
                    .call("b", "B", Map.of("x", "text"))
                    .call("j", "Join", Map.of("l", "a", "r", "b"))
                    .output("j")));
    hashes.add(
        hash(
            b ->
                b.call(
                        "a",
                        "A",
                        Map.of("x", "text"),
                        CallOptions.builder().fallback(CValue.of("f")).build())
                    .call("b", "B", Map.of("x", "text"))
                    .call("j", "Join", Map.of("l", "a", "r", "b"))
                    .output("j")));
    // a chain instead of a diamond
    hashes.add(
        hash(
            b ->
                b.call("a", "A", Map.of("x", "text"))
                    .call("b", "B", Map.of("x", "a"))
                    .call("j", "Join", Map.of("l", "a", "r", "b"))
                    .output("j")));
    // renamed input
    hashes.add(diamondWithInput("other"));
    assertThat(hashes).hasSize(10);
  }

  private String diamondWithInput(String input) {
    return Pipeline.builder("p")
        .input(input, CType.STRING)
        .call("a", "A", Map.of("x", input))
        .call("b", "B", Map.of("x", input))
        .call("j", "Join", Map.of("l", "a", "r", "b"))
        .output("j")
        .build(registry)
        .structuralHash();
  }

  @Test
  void aCycleIsRejectedWithTheNodesInvolved() {
    Map<String, DataNode> data =
        Map.of("x", new DataNode("x", CType.STRING), "y", new DataNode("y", CType.STRING));
    List<DagNode> nodes =
        List.of(
            new ModuleNode("n1", "A", Map.of("x", "y"), Map.of("out", "x"), CallOptions.DEFAULT),
            new ModuleNode("n2", "B", Map.of("x", "x"), Map.of("out", "y"), CallOptions.DEFAULT));
    assertThatThrownBy(() -> new DagSpec("cyclic", data, nodes, Map.of("o", "x")))
        .isInstanceOf(PipelineValidationException.class)
        .hasMessageContaining("cycle between nodes [n1, n2]");
  }

  @Test
  void everyStructuralProblemIsListedAtOnce() {
    Map<String, DataNode> data = Map.of("x", new DataNode("x", CType.STRING));
    List<DagNode> nodes =
        List.of(
            new ModuleNode(
                "n1",
                "A",
                Map.of("x", "missing"),
                Map.of("out", "undeclared"),
                CallOptions.DEFAULT),
            new ModuleNode("n1", "B", Map.of("x", "x"), Map.of("out", "x"), CallOptions.DEFAULT));
    assertThatThrownBy(() -> new DagSpec("broken", data, nodes, Map.of("o", "nowhere")))
        .isInstanceOf(PipelineValidationException.class)
        .satisfies(e -> assertThat(((PipelineValidationException) e).problems()).hasSize(4))
        .hasMessageContaining("node id 'n1' is used twice")
        .hasMessageContaining("refers to unknown data node 'missing'")
        .hasMessageContaining("produces undeclared data node 'undeclared'")
        .hasMessageContaining("output 'o' refers to unknown data node 'nowhere'");
  }

  @Test
  void theRegistryHashChangesWhenAModuleSignatureChanges() {
    String before = registry.hash();
    registry.register(
        Module.builder("A")
            .version(2, 0)
            .input("x", CType.STRING)
            .output("out", CType.STRING)
            .implementation(in -> Map.of("out", in.get("x")))
            .build());
    assertThat(registry.hash()).isNotEqualTo(before);
  }
}
