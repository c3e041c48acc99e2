package io.constellation.lang.examples;

import static java.util.Objects.requireNonNull;

import io.constellation.Constellation;
import io.constellation.ConstellationException;
import io.constellation.lang.Stdlib;
import io.constellation.module.Module;
import io.constellation.type.CType;
import io.constellation.type.CValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Java modules the pipelines in {@code examples/} call. Deterministic (no network, no
 * randomness); each instance counts the calls of every module so demos and tests can show caching,
 * retries and resume reusing work.
 *
 * <p>Thread-safety: safe for concurrent use.
 */
public final class ExampleModules {
  /** The record a customer lookup returns. */
  public static final CType.CProduct CUSTOMER =
      CType.product(ordered("name", CType.STRING, "tier", CType.STRING));

  /** The record a profile lookup returns. */
  public static final CType.CProduct PROFILE =
      CType.product(ordered("name", CType.STRING, "visits", CType.INT));

  private static final Map<String, String[]> CUSTOMERS =
      Map.of(
          "c-1", new String[] {"Ada Lovelace", "gold"},
          "c-2", new String[] {"Alan Turing", "silver"});

  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> attemptsByCity = new ConcurrentHashMap<>();

  private ExampleModules() {}

  /** A fresh set of example modules with zeroed call counters. */
  public static ExampleModules create() {
    return new ExampleModules();
  }

  /** Registers the stdlib and a fresh set of example modules with {@code engine}. */
  public static ExampleModules register(Constellation engine) {
    ExampleModules m = create();
    m.registerWith(engine);
    return m;
  }

  /** Registers the stdlib and these modules with {@code engine}. */
  public void registerWith(Constellation engine) {
    requireNonNull(engine, "engine");
    Stdlib.register(engine);
    modules().forEach(engine::setModule);
  }

  /** How many times module {@code name} was called (attempts included). */
  public int calls(String name) {
    AtomicInteger n = calls.get(name);
    return n == null ? 0 : n.get();
  }

  /** The example modules (without the stdlib). */
  public List<Module> modules() {
    return List.of(
        Module.builder("Uppercase")
            .description("Upper-cases text")
            .tags("text")
            .input("text", CType.STRING)
            .output("result", CType.STRING)
            .implementation(
                in -> {
                  count("Uppercase");
                  return Map.of("result", CValue.of(in.getString("text").toUpperCase(Locale.ROOT)));
                })
            .build(),
        Module.builder("WordCount")
            .description("Counts the words of a text")
            .tags("text")
            .input("text", CType.STRING)
            .output("count", CType.INT)
            .implementation(
                in -> {
                  count("WordCount");
                  String t = in.getString("text").strip();
                  return Map.of("count", CValue.of(t.isEmpty() ? 0L : t.split("\\s+").length));
                })
            .build(),
        Module.builder("LookupCustomer")
            .description("Looks a customer up in a fixed in-memory directory")
            .tags("orders")
            .input("customerId", CType.STRING)
            .output("customer", CUSTOMER)
            .implementation(
                in -> {
                  count("LookupCustomer");
                  String[] c =
                      CUSTOMERS.getOrDefault(
                          in.getString("customerId"), new String[] {"Unknown", "bronze"});
                  return Map.of(
                      "customer",
                      new CValue.CProduct(
                          ordered("name", CValue.of(c[0]), "tier", CValue.of(c[1])), CUSTOMER));
                })
            .build(),
        Module.builder("FlakyForecast")
            .description("Fails the first two calls for each city, then answers")
            .tags("resilience")
            .input("city", CType.STRING)
            .output("forecast", CType.STRING)
            .implementation(
                in -> {
                  count("FlakyForecast");
                  String city = in.getString("city");
                  int attempt =
                      attemptsByCity
                          .computeIfAbsent(city, k -> new AtomicInteger())
                          .incrementAndGet();
                  if (attempt <= 2) {
                    throw new ConstellationException(
                        "forecast service unavailable (attempt " + attempt + ")");
                  }
                  return Map.of("forecast", CValue.of("sunny in " + city));
                })
            .build(),
        Module.builder("BrokenForecast")
            .description("Always fails")
            .tags("resilience")
            .input("city", CType.STRING)
            .output("forecast", CType.STRING)
            .implementation(
                in -> {
                  count("BrokenForecast");
                  throw new ConstellationException("forecast backend is down");
                })
            .build(),
        Module.builder("BrokenScore")
            .description("Always fails")
            .tags("resilience")
            .input("city", CType.STRING)
            .output("score", CType.INT)
            .implementation(
                in -> {
                  count("BrokenScore");
                  throw new ConstellationException("score backend is down");
                })
            .build(),
        Module.builder("ExpensiveProfile")
            .description("A slow profile lookup worth caching")
            .tags("caching")
            .input("userId", CType.STRING)
            .output("profile", PROFILE)
            .implementation(
                in -> {
                  count("ExpensiveProfile");
                  String id = in.getString("userId");
                  return Map.of(
                      "profile",
                      new CValue.CProduct(
                          ordered(
                              "name",
                              CValue.of("user " + id),
                              "visits",
                              CValue.of((long) id.length() * 7)),
                          PROFILE));
                })
            .build(),
        Module.builder("RiskScore")
            .description("Scores the risk of an amount from 0 to 100")
            .tags("approval")
            .input("amount", CType.INT)
            .output("score", CType.INT)
            .implementation(
                in -> {
                  count("RiskScore");
                  long amount = in.getLong("amount");
                  return Map.of("score", CValue.of(Math.min(100L, amount / 100)));
                })
            .build());
  }

  private void count(String module) {
    calls.computeIfAbsent(module, k -> new AtomicInteger()).incrementAndGet();
  }

  private static <V> Map<String, V> ordered(String k1, V v1, String k2, V v2) {
    Map<String, V> m = new LinkedHashMap<>();
    m.put(k1, v1);
    m.put(k2, v2);
    return m;
  }
}
