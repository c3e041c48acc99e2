package io.constellation.server;

import io.constellation.Constellation;

/** The modules a server registers at start. */
public final class Modules {
  private Modules() {}

  /** Registers the standard library and the example modules of constellation-lang. */
  public static void installDefaults(Constellation engine) {
    // Filled in when constellation-lang's Stdlib and examples land.
  }
}
