package io.constellation.server;

import io.constellation.Constellation;
import io.constellation.lang.Stdlib;
import io.constellation.lang.examples.ExampleModules;

/** The modules a server (and the CLI's local engine) registers at start. */
public final class Modules {
  private Modules() {}

  /**
   * Registers the standard library ({@code stdlib.*}) and the example modules used by {@code
   * examples/*.cst} (Uppercase, WordCount, RiskScore, ...).
   */
  public static void installDefaults(Constellation engine) {
    Stdlib.register(engine);
    ExampleModules.register(engine);
  }
}
