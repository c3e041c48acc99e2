package io.constellation.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.constellation.server.Modules;
import io.constellation.server.ServerRuntime;
import io.constellation.server.TestServers;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's commands and exit codes (0 completed, 2 suspended, 1 failed or bad input). */
class CliTest {
  @TempDir Path dir;
  static final Path APPROVAL = Path.of("..", "examples", "approval.cst");
  static final Path TEXT = Path.of("..", "examples", "text-processing.cst");

  record Result(int code, String out, String err) {}

  static Result cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        ConstellationCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void runCompletesWithExitZeroAndPrintsOutputs() {
    Result r = cli("run", TEXT.toString(), "--input", "text=hello big world");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("COMPLETED")
        .contains("shout = \"HELLO BIG WORLD\"")
        .contains("words = 3");
  }

  @Test
  void runJsonPrintsTheApiShape() throws Exception {
    Result r =
        cli(
            "run",
            APPROVAL.toString(),
            "--inputs",
            "{\"request\":{\"requester\":\"a\",\"amount\":5},\"approved\":false}",
            "--json");
    assertThat(r.code()).as(r.err()).isZero();
    var json = TestServers.JSON.readTree(r.out());
    assertThat(json.path("status").asText()).isEqualTo("COMPLETED");
    assertThat(json.path("outputs").path("message").asText()).contains("rejected");
  }

  @Test
  void aSuspendedRunExitsTwoPrintsTheMissingInputsAndResumesLocally() {
    Path data = dir.resolve("data");
    Result r =
        cli(
            "run",
            APPROVAL.toString(),
            "--input",
            "request={\"requester\":\"b\",\"amount\":7}",
            "--data",
            data.toString());
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(2);
    assertThat(r.out())
        .contains("SUSPENDED")
        .contains("approved: Boolean")
        .contains("constellation resume ");
    Matcher m = Pattern.compile("constellation resume (\\S+)").matcher(r.out());
    assertThat(m.find()).isTrue();
    Result resumed =
        cli("resume", m.group(1), "--data", data.toString(), "--input", "approved=true");
    assertThat(resumed.code()).as(resumed.out() + resumed.err()).isZero();
    assertThat(resumed.out()).contains("COMPLETED").contains("approved");
  }

  @Test
  void badInputAndCompileErrorsExitOneWithClearLines() throws Exception {
    Result bad = cli("run", APPROVAL.toString(), "--input", "approved=maybe");
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.err()).contains("error: invalid inputs").contains("approved");
    assertThat(bad.err()).doesNotContain("\tat ");
    Path broken = dir.resolve("broken.cst");
    Files.writeString(broken, "in x: Int\ny = NoSuchModule(x)\nout y\n");
    Result c = cli("compile", broken.toString());
    assertThat(c.code()).isEqualTo(1);
    assertThat(c.err()).contains("broken:2:").contains("^");
    assertThat(cli("compile", TEXT.toString()).out())
        .contains("text-processing: ok")
        .contains("in  text: String");
    assertThat(cli("run", "no-such-file.cst").err()).contains("no-such-file.cst: no such file");
    assertThat(cli("run").code()).isEqualTo(1);
  }

  @Test
  void serverCommandsListAndResumeOverHttp() {
    var cfg = TestServers.config(dir).withPipelinesDir(Path.of("..", "examples"));
    try (ServerRuntime server = ServerRuntime.start(cfg, Modules::installDefaults)) {
      String url = "http://127.0.0.1:" + server.port();
      Result list = cli("pipelines", "list", "--server", url);
      assertThat(list.code()).isZero();
      assertThat(list.out()).contains("approval").contains("text-processing");

      var client = new TestServers.Client(server);
      String handle =
          client
              .post(
                  "/execute",
                  "{\"ref\":\"approval\",\"inputs\":{\"request\":{\"requester\":\"c\",\"amount\":1}}}")
              .json()
              .path("suspensionHandle")
              .asText();
      Result execs = cli("executions", "list", "--server", url);
      assertThat(execs.out()).contains(handle).contains("approved: Boolean");
      Result wrong = cli("resume", handle, "--server", url, "--input", "approved=7");
      assertThat(wrong.code()).isEqualTo(1);
      assertThat(wrong.err()).contains("approved");
      Result resumed = cli("resume", handle, "--server", url, "--input", "approved=true");
      assertThat(resumed.code()).as(resumed.err()).isZero();
      assertThat(resumed.out()).contains("COMPLETED");
      assertThat(cli("executions", "list", "--server", "http://127.0.0.1:1").err())
          .contains("cannot reach the server");
    }
  }
}
