package io.constellation.lang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.constellation.Constellation;
import io.constellation.lang.examples.ExampleModules;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Golden tests: each bad source gives exactly this error, at this line and column. */
class ErrorMessagesTest {
  private static Constellation engine;
  private static ConstellationCompiler compiler;

  @BeforeAll
  static void start() {
    engine = io.constellation.ConstellationImpl.builder().build();
    ExampleModules.register(engine);
    compiler = ConstellationCompiler.forEngine(engine);
  }

  @AfterAll
  static void stop() {
    engine.shutdown(java.time.Duration.ofSeconds(5));
  }

  static Stream<Arguments> golden() {
    return Stream.of(
        Arguments.of(
            "in text: String\nx = Uppercse(text)\nout x",
            "2:5: unknown module 'Uppercse'; did you mean 'Uppercase'?"),
        Arguments.of(
            "in text: String\nx = trm(text)\nout x",
            "2:5: unknown module 'trm'; did you mean 'trim'?"),
        Arguments.of(
            "in text: String\nx = Uppercase(txt)\nout x",
            "2:15: unknown variable 'txt'; did you mean 'text'?"),
        Arguments.of(
            "in n: Int\nx = Uppercase(n)\nout x",
            "2:15: argument 'text' of Uppercase expects String but got Int"),
        Arguments.of(
            "in t: String\nx = Uppercase(t, t)\nout x",
            "2:18: too many arguments: Uppercase takes 1 (text: String)"),
        Arguments.of(
            "in a: Int\nx = stdlib.math.add(a)\nout x",
            "2:5: missing argument 'b: Int' in call of stdlib.math.add(a: Int, b: Int)"),
        Arguments.of(
            "in t: String\nx = Uppercase(txt: t)\nout x",
            "2:15: Uppercase has no input 'txt'; did you mean 'text'? (inputs: text: String)"),
        Arguments.of("in t: Strng\nout t", "1:7: unknown type 'Strng'; did you mean 'String'?"),
        Arguments.of(
            "in t: String\nx = Uppercase(t) with retries: 2\nout x",
            "2:23: unknown option 'retries'; did you mean 'retry'? (options: retry, delay, backoff, max_delay, timeout, fallback, cache, cache_backend, throttle, concurrency, on_error, priority)"),
        Arguments.of(
            "in t: String\nx = Uppercase(t) with retry: -1\nout x",
            "2:30: retry must be >= 0, was -1"),
        Arguments.of(
            "in t: String\nx = Uppercase(t) with timeout: 0s\nout x",
            "2:32: timeout must be > 0, was 0s"),
        Arguments.of(
            "in t: String\nx = Uppercase(t) with fallback: 42\nout x",
            "2:33: fallback must be String, but is Int"),
        Arguments.of(
            "in t: String\nx = Uppercase(t) with backoff: exponentail\nout x",
            "2:32: unknown backoff 'exponentail'; did you mean 'exponential'? (one of: fixed, linear, exponential)"),
        Arguments.of(
            "in t: String\nx = Uppercase(t) with throttle: 100\nout x",
            "2:33: throttle must look like 100/1min (calls / period)"),
        Arguments.of(
            "in t: String\nx = Uppercase(t) with cache: 5 min\nout x",
            "2:30: cache must be a duration such as 500ms, 2s, 5min, 1h or 1d | 2:32: unexpected 'min' after the end of the statement"),
        Arguments.of(
            "in t: String\nx = Uppercase(t) with cache: 5mins\nout x",
            "2:31: unknown duration unit 'mins' (use ms, s, min, h or d)"),
        Arguments.of(
            "in n: Int\nx = n with retry: 1\nout x",
            "2:7: 'with' options apply to module calls only, and 'x' is not a module call"),
        Arguments.of(
            "in n: Int\nx = n + \"a\"\nout x",
            "2:7: operator + cannot combine Int and String (use interpolation such as \"${a}${b}\" to build text)"),
        Arguments.of(
            "in n: Int\nx = if (n) 1 else 2\nout x",
            "2:9: the condition of 'if' must be Boolean, but is Int"),
        Arguments.of(
            "in n: Int\nx = if (n > 1) 1 else \"a\"\nout x",
            "2:5: the branches of 'if' have different types: Int and String"),
        Arguments.of(
            "in n: Int\nx = n ?? 0\nout x",
            "2:7: the left side of '??' must be Optional, but is Int"),
        Arguments.of("in o: { a: Int }\nx = o.b\nout x", "2:7: record {a: Int} has no field 'b'"),
        Arguments.of(
            "in n: Int\nx = n.b\nout x", "2:7: cannot read field 'b' of Int, it is not a record"),
        Arguments.of("in n: Int\nin n: String\nout n", "2:4: 'n' is already defined on line 1"),
        Arguments.of(
            "in n: Int\nx = y + 1\ny = n\nout x", "2:5: 'y' is used before it is defined (line 3)"),
        Arguments.of("in n: Int\nout m", "2:5: unknown variable 'm'"),
        Arguments.of("in n: Int\nx = (n + 1\nout x", "3:1: expected ')', found 'out'"),
        Arguments.of("in n: Int\nx = \"abc\nout x", "2:5: unterminated string literal"),
        Arguments.of("in n: Int\nx = n § 2\nout x", "2:7: unexpected character '§'"),
        Arguments.of(
            "in n: Int\nx = branch { n > 1 -> 1 }\nout x",
            "2:25: branch needs an 'otherwise -> value' arm as its last arm"),
        Arguments.of(
            "use stdlib.strng as s\nin n: Int\nout n",
            "1:5: no module is registered under 'stdlib.strng'; did you mean 'stdlib.string'?"),
        Arguments.of(
            "@exampel(1)\nin n: Int\nout n",
            "1:1: unknown annotation '@exampel'; did you mean 'example'?"),
        Arguments.of(
            "@example(\"x\")\nin n: Int\nout n", "1:10: @example must be Int, but is String"),
        Arguments.of(
            "in n: Int\nx = n < 1 < 2\nout x",
            "2:11: comparisons cannot be chained; use 'and' between them"),
        Arguments.of(
            "in n: Int\nx = 99999999999999999999\nout x",
            "2:5: integer literal 99999999999999999999 is too large for Int (max 9223372036854775807)"),
        Arguments.of(
            "in n: Int\nx = []\nout x",
            "2:5: cannot infer the element type of an empty list literal"),
        Arguments.of(
            "in r: { a: Int, b: Int }\nx = r[a, c]\nout x",
            "2:10: record {a: Int, b: Int} has no field 'c'"),
        Arguments.of(
            "in n: Int\nx = Uppercase\nout x",
            "2:5: 'Uppercase' is a module; call it with arguments"),
        Arguments.of(
            "in n: Int\nx = n\n", "3:1: the pipeline declares no output; add 'out <name>'"),
        Arguments.of("in n: Int\nx n\nout n", "2:3: expected '=' after 'x', found 'n'"),
        Arguments.of(
            "type T = List\nin n: Int\nout n",
            "1:10: 'List' needs type arguments, e.g. List<String>"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("golden")
  void badSourceGivesThisErrorAtThisPosition(String source, String expected) {
    CompileResult r = compiler.compile(source, "bad.cst");
    assertThat(r.succeeded()).isFalse();
    assertThat(r.errors())
        .extracting(e -> e.line() + ":" + e.column() + ": " + e.message())
        .containsExactly(expected.split(" \\| "));
  }

  @Test
  void atLeastFifteenDistinctErrorsAreCovered() {
    assertThat(golden().map(a -> a.get()[1]).distinct().count()).isGreaterThanOrEqualTo(15);
  }

  @Test
  void formatShowsFileLineColumnSourceLineAndCaret() {
    CompileResult r = compiler.compile("in text: String\nx = Uppercse(text)\nout x", "demo.cst");
    assertThat(r.formatErrors())
        .isEqualTo(
            "demo.cst:2:5: unknown module 'Uppercse'; did you mean 'Uppercase'?\n"
                + "  x = Uppercse(text)\n"
                + "      ^");
  }

  @Test
  void everyErrorOfAFileIsReportedAtOnceInSourceOrder() {
    String source =
        String.join(
            "\n",
            "in text: Strin",
            "a = Uppercse(text)",
            "b = 1 +",
            "c = Uppercase(text) with retry: -2, cache: 0s",
            "d = nope",
            "out a");
    CompileResult r = compiler.compile(source, "many.cst");
    assertThat(r.errors())
        .extracting(e -> e.line() + ":" + e.column())
        .containsExactly("1:10", "2:5", "3:8", "4:33", "4:44", "5:5");
    assertThat(r.errors().get(2).message()).isEqualTo("expected an expression after '+'");
  }

  @Test
  void compileOrThrowCarriesEveryErrorInItsMessage() {
    assertThatThrownBy(() -> compiler.compileOrThrow("x = a\ny = b\nout x", "t.cst"))
        .isInstanceOf(CompilationException.class)
        .isInstanceOf(io.constellation.ConstellationException.class)
        .hasMessageContaining("t.cst: 2 errors")
        .hasMessageContaining("t.cst:1:5: unknown variable 'a'")
        .hasMessageContaining("t.cst:2:5: unknown variable 'b'")
        .satisfies(e -> assertThat(((CompilationException) e).errors()).hasSize(2));
  }

  @Test
  void aVeryLongLineIsShownAsAWindowAroundTheColumn() {
    String pad = "x".repeat(5000);
    CompileResult r = compiler.compile("in n: Int\nx = \"" + pad + "\" + n\nout x", "long.cst");
    CompileError e = r.errors().get(0);
    assertThat(e.column()).isEqualTo(5008);
    assertThat(e.sourceLine().length()).isLessThanOrEqualTo(160);
    assertThat(e.caretLine().length()).isLessThanOrEqualTo(161);
    assertThat(e.sourceLine().charAt(e.caretLine().length() - 1)).isEqualTo('+');
    assertThat(List.of(e.message())).isNotEmpty();
  }
}
