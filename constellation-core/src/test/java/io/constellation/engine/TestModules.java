package io.constellation.engine;

import io.constellation.module.Module;
import io.constellation.module.ModuleImplementation;
import io.constellation.type.CType;
import io.constellation.type.CValue;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Small modules for engine tests, with invocation counters. */
final class TestModules {
  final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

  int calls(String module) {
    AtomicInteger c = calls.get(module);
    return c == null ? 0 : c.get();
  }

  private ModuleImplementation counted(String name, ModuleImplementation body) {
    return in -> {
      calls.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
      return body.apply(in);
    };
  }

  Module upper() {
    return Module.builder("Uppercase")
        .input("text", CType.STRING)
        .output("result", CType.STRING)
        .implementation(
            counted(
                "Uppercase", in -> Map.of("result", CValue.of(in.getString("text").toUpperCase()))))
        .build();
  }

  Module concat() {
    return Module.builder("Concat")
        .input("a", CType.STRING)
        .input("b", CType.STRING)
        .output("result", CType.STRING)
        .implementation(
            counted(
                "Concat", in -> Map.of("result", CValue.of(in.getString("a") + in.getString("b")))))
        .build();
  }

  Module sleepy(String name, Duration sleep) {
    return Module.builder(name)
        .input("text", CType.STRING)
        .output("result", CType.STRING)
        .implementation(
            counted(
                name,
                in -> {
                  Thread.sleep(sleep.toMillis());
                  return Map.of("result", CValue.of(in.getString("text") + "+" + name));
                }))
        .build();
  }

  Module failing(String name) {
    return Module.builder(name)
        .input("text", CType.STRING)
        .output("result", CType.STRING)
        .implementation(
            counted(
                name,
                in -> {
                  throw new IllegalStateException(name + " is broken");
                }))
        .build();
  }

  Module inc() {
    return Module.builder("Inc")
        .input("n", CType.INT)
        .output("result", CType.INT)
        .implementation(counted("Inc", in -> Map.of("result", CValue.of(in.getLong("n") + 1))))
        .build();
  }
}
