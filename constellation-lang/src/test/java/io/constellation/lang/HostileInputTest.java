package io.constellation.lang;

import static org.assertj.core.api.Assertions.assertThat;

import io.constellation.Constellation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Hostile input gives a positioned error, never a StackOverflowError or a hang. */
@Timeout(30)
class HostileInputTest {
  private Constellation engine;
  private ConstellationCompiler compiler;

  @BeforeEach
  void start() {
    engine = Engines.withStdlib();
    compiler = ConstellationCompiler.forEngine(engine);
  }

  @AfterEach
  void stop() {
    engine.shutdown(Duration.ofSeconds(5));
  }

  @Test
  void tenThousandNestedParenthesesAreTooDeep() {
    String src = "in n: Int\nx = " + "(".repeat(10_000) + "n" + ")".repeat(10_000) + "\nout x";
    CompileResult r = compiler.compile(src, "deep.cst");
    assertThat(r.errors()).hasSize(1);
    assertThat(r.errors().get(0).message())
        .isEqualTo("expression is nested too deeply (more than 256 levels)");
    assertThat(r.errors().get(0).line()).isEqualTo(2);
  }

  @Test
  void deepNotChainsAndDeepTypesAreTooDeepToo() {
    CompileResult nots =
        compiler.compile("in b: Boolean\nx = " + "not ".repeat(50_000) + "b\nout x", "n.cst");
    assertThat(nots.errors())
        .extracting(CompileError::message)
        .containsExactly("expression is nested too deeply (more than 256 levels)");
    CompileResult types =
        compiler.compile(
            "in x: " + "List<".repeat(5_000) + "Int" + ">".repeat(5_000) + "\nout x", "t.cst");
    assertThat(types.errors())
        .extracting(CompileError::message)
        .containsExactly("expression is nested too deeply (more than 256 levels)");
  }

  @Test
  void nestingBelowTheLimitCompiles() {
    String src = "in n: Int\nx = " + "(".repeat(200) + "n + 1" + ")".repeat(200) + "\nout x";
    assertThat(compiler.compile(src, "ok.cst").errors()).isEmpty();
  }

  @Test
  void aFiveMegabyteStringLiteralIsRejectedBySize() {
    String src = "in n: Int\nx = \"" + "a".repeat(5 * 1024 * 1024) + "\"\nout x";
    CompileResult r = compiler.compile(src, "big.cst");
    assertThat(r.errors())
        .extracting(CompileError::message)
        .containsExactly("source is larger than 4 MiB (4194304 bytes)");
    CompileResult bytes = compiler.compile(src.getBytes(StandardCharsets.UTF_8), "big.cst");
    assertThat(bytes.errors())
        .extracting(CompileError::message)
        .containsExactly("source is larger than 4 MiB (4194304 bytes)");
  }

  @Test
  void aThreeMegabyteStringLiteralStillCompiles() {
    String src = "x = \"" + "a".repeat(3 * 1024 * 1024) + "\"\nout x";
    assertThat(compiler.compile(src, "three.cst").errors()).isEmpty();
  }

  @Test
  void invalidUtf8IsReportedAtItsLineAndColumn() {
    byte[] head = "in n: Int\nx = \"ab".getBytes(StandardCharsets.UTF_8);
    byte[] src = new byte[head.length + 3];
    System.arraycopy(head, 0, src, 0, head.length);
    src[head.length] = (byte) 0xC3; // a lead byte followed by a non-continuation byte
    src[head.length + 1] = (byte) 0x28;
    src[head.length + 2] = '"';
    CompileResult r = compiler.compile(src, "utf.cst");
    assertThat(r.errors()).hasSize(1);
    CompileError e = r.errors().get(0);
    assertThat(e.line()).isEqualTo(2);
    assertThat(e.column()).isEqualTo(8);
    assertThat(e.message()).startsWith("invalid UTF-8: byte 0xC3");
    assertThat(e.format()).contains("utf.cst:2:8:", "x = \"ab");
  }

  @Test
  void deeplyNestedInterpolationIsAnError() {
    String src = "in n: Int\nx = " + "\"${".repeat(300) + "n" + "}\"".repeat(300) + "\nout x";
    CompileResult r = compiler.compile(src, "interp.cst");
    assertThat(r.succeeded()).isFalse();
    assertThat(r.errors().get(0).message()).contains("nested too deeply");
  }

  @Test
  void garbageBytesGiveErrorsNotExceptions() {
    java.util.Random random = new java.util.Random(42);
    for (int k = 0; k < 200; k++) {
      byte[] b = new byte[random.nextInt(300)];
      for (int j = 0; j < b.length; j++) {
        b[j] = (byte) (32 + random.nextInt(95));
      }
      CompileResult r = compiler.compile(b, "fuzz.cst");
      assertThat(r.succeeded() || !r.errors().isEmpty()).isTrue();
    }
  }
}
