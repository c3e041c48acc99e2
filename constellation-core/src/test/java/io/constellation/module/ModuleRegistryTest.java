package io.constellation.module;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.constellation.type.CType;
import io.constellation.type.CValue;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModuleRegistryTest {
  private static Module named(String name) {
    return Module.builder(name)
        .input("x", CType.STRING)
        .output("out", CType.STRING)
        .implementation(in -> Map.of("out", CValue.of(name)))
        .build();
  }

  @Test
  void aDottedNameIsAlsoReachableByItsLastSegment() {
    ModuleRegistry r = new ModuleRegistry();
    r.register(named("stdlib.string.trim"));
    assertThat(r.find("trim")).map(Module::name).contains("stdlib.string.trim");
    assertThat(r.find("stdlib.string.trim")).isPresent();
    assertThat(r.find("Trim")).isEmpty();
  }

  @Test
  void theFirstRegistrationKeepsAShortNameAndAnExactNameWins() {
    ModuleRegistry r = new ModuleRegistry();
    r.register(named("a.trim"));
    r.register(named("b.trim"));
    assertThat(r.find("trim")).map(Module::name).contains("a.trim");
    r.register(named("trim"));
    assertThat(r.find("trim")).map(Module::name).contains("trim");
    r.remove("trim");
    r.remove("a.trim");
    assertThat(r.find("trim")).map(Module::name).contains("b.trim");
  }

  @Test
  void registeringANameAgainReplacesTheModule() {
    ModuleRegistry r = new ModuleRegistry();
    r.register(named("M"));
    Module replacement =
        Module.builder("M")
            .version(2, 1)
            .input("x", CType.STRING)
            .output("out", CType.STRING)
            .implementation(in -> Map.of("out", CValue.of("new")))
            .build();
    r.register(replacement);
    assertThat(r.find("M")).containsSame(replacement);
    assertThat(r.all()).hasSize(1);
  }

  @Test
  void aModuleWithoutOutputsOrWithADuplicateInputIsRejected() {
    assertThatThrownBy(
            () ->
                Module.builder("Empty")
                    .input("x", CType.STRING)
                    .implementation(in -> Map.of())
                    .build())
        .hasMessageContaining("declares no output");
    assertThatThrownBy(() -> Module.builder("Dup").input("x", CType.STRING).input("x", CType.INT))
        .hasMessageContaining("input 'x' is declared twice");
  }
}
