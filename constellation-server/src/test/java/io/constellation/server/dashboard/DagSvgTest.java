package io.constellation.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.constellation.ConstellationImpl;
import io.constellation.lang.ConstellationCompiler;
import io.constellation.server.TestServers;
import org.junit.jupiter.api.Test;

class DagSvgTest {
  @Test
  void layersFollowTheDataflowAndNamesAreEscaped() {
    var engine = ConstellationImpl.builder().build();
    TestServers.modules(engine);
    var image =
        ConstellationCompiler.forEngine(engine).compileOrThrow(TestServers.TWO_STEP, "a<b>");
    String svg = DagSvg.render(image.dag());
    assertThat(svg).startsWith("<svg").contains("a&lt;b&gt;").doesNotContain("a<b>");
    int text = svg.indexOf("data-id=\"d:text\"");
    int upper = svg.indexOf("data-id=\"n:");
    assertThat(text).isPositive();
    assertThat(upper).isPositive();
    // The input sits left of the Uppercase call, which sits left of Join.
    assertThat(x(svg, "d:text")).isLessThan(x(svg, "d:upper"));
    assertThat(x(svg, "d:upper")).isLessThan(x(svg, "d:joined"));
    engine.shutdown(java.time.Duration.ofSeconds(1));
  }

  private static int x(String svg, String id) {
    int at = svg.indexOf("data-id=\"" + id + "\"");
    int xAt = svg.indexOf("x=\"", at) + 3;
    return Integer.parseInt(svg.substring(xAt, svg.indexOf('"', xAt)));
  }
}
