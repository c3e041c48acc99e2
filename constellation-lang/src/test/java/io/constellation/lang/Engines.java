package io.constellation.lang;

import io.constellation.Constellation;
import io.constellation.ConstellationImpl;
import io.constellation.type.CValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Test helpers: a real engine with the stdlib, and the repository's examples folder. */
final class Engines {
  private Engines() {}

  static Constellation withStdlib() {
    Constellation engine = ConstellationImpl.builder().build();
    Stdlib.register(engine);
    return engine;
  }

  static Path examples() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path e = p.resolve("examples");
      if (Files.isDirectory(e) && Files.exists(p.resolve("pom.xml"))) {
        return e;
      }
    }
    throw new IllegalStateException(
        "examples/ folder not found above " + Path.of("").toAbsolutePath());
  }

  static Map<String, CValue> inputs(Object... kv) {
    Map<String, CValue> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], (CValue) kv[i + 1]);
    }
    return m;
  }
}
