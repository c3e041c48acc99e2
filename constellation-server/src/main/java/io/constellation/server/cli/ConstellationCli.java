package io.constellation.server.cli;

import io.constellation.ConstellationException;
import io.constellation.ProblemListException;
import io.constellation.server.PipelineLoader;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code constellation}: serve, run, compile, resume, and list pipelines and executions.
 *
 * <p>Exit codes: 0 completed (or success), 2 suspended, 1 failed, bad input or bad config. Errors
 * are one line on stderr ({@code error: ...}), followed by one line per problem when there are
 * several; never a stack trace.
 */
@Command(
    name = "constellation",
    mixinStandardHelpOptions = true,
    version = "constellation 0.1.0",
    description =
        "Typed pipeline engine: serve the HTTP API and dashboard, or run pipelines locally.",
    subcommands = {
      ServeCommand.class,
      RunCommand.class,
      CompileCommand.class,
      ResumeCommand.class,
      PipelinesCommand.class,
      ExecutionsCommand.class,
      CommandLine.HelpCommand.class
    })
public final class ConstellationCli implements Runnable {
  /** Completed. */
  public static final int OK = 0;

  /** Failed, bad input, bad config. */
  public static final int FAILED = 1;

  /** Suspended (missing inputs). */
  public static final int SUSPENDED = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    System.exit(
        execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the CLI with the given streams; returns the exit code (for tests and {@link #main}). */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cmd = new CommandLine(new ConstellationCli());
    cmd.setOut(out);
    cmd.setErr(err);
    cmd.setParameterExceptionHandler(
        (ex, a) -> {
          err.println("error: " + ex.getMessage());
          err.println("(see: constellation " + subcommandName(ex.getCommandLine()) + "--help)");
          return FAILED;
        });
    cmd.setExecutionExceptionHandler(
        (ex, c, parsed) -> {
          report(ex, err);
          return FAILED;
        });
    return cmd.execute(args);
  }

  private static String subcommandName(CommandLine c) {
    return c.getParent() == null ? "" : c.getCommandName() + " ";
  }

  /** Prints {@code e} as {@code error: one line} plus one line per problem. */
  static void report(Exception e, PrintWriter err) {
    if (e instanceof PipelineLoader.LoadException le) {
      err.println("error: " + le.getMessage());
      le.errors().forEach(p -> err.println("  " + p));
    } else if (e instanceof ProblemListException p) {
      String msg = p.getMessage();
      int nl = msg.indexOf('\n');
      err.println("error: " + (nl < 0 ? msg : msg.substring(0, nl)).replaceAll(":$", ""));
      p.problems().forEach(x -> err.println("  " + x));
    } else if (e instanceof ServerClient.ServerError) {
      err.println("error: " + e.getMessage());
    } else if (e instanceof ConstellationException || e instanceof IllegalArgumentException) {
      err.println("error: " + firstLine(e.getMessage()));
    } else {
      err.println("error: " + e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()));
    }
    err.flush();
  }

  static String firstLine(String s) {
    if (s == null) {
      return "(no message)";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
