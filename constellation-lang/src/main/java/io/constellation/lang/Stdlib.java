package io.constellation.lang;

import static java.util.Objects.requireNonNull;

import io.constellation.Constellation;
import io.constellation.module.Module;
import io.constellation.module.ModuleInputs;
import io.constellation.type.CType;
import io.constellation.type.CValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The standard library modules: {@code stdlib.math}, {@code .string}, {@code .bool}, {@code
 * .compare}, {@code .list} and {@code .convert}. Every module has one output, {@code result}. Bad
 * values fail the call with a {@link StdlibException} whose message says what was wrong (for
 * example {@code division by zero: 7 / 0}).
 *
 * <p>Thread-safety: the modules are stateless and safe to call concurrently.
 */
public final class Stdlib {
  private static final CType S = CType.STRING;
  private static final CType I = CType.INT;
  private static final CType F = CType.FLOAT;
  private static final CType B = CType.BOOLEAN;
  private static final CType LS = CType.list(CType.STRING);
  private static final CType LI = CType.list(CType.INT);

  private static final List<Module> MODULES = build();

  private Stdlib() {}

  /** Every stdlib module, in registration order. */
  public static List<Module> modules() {
    return MODULES;
  }

  /** Registers every stdlib module with {@code engine}. */
  public static void register(Constellation engine) {
    requireNonNull(engine, "engine");
    MODULES.forEach(engine::setModule);
  }

  private static List<Module> build() {
    List<Module> m = new ArrayList<>();
    // math
    m.add(int2("stdlib.math.add", "a + b", Math::addExact));
    m.add(int2("stdlib.math.subtract", "a - b", Math::subtractExact));
    m.add(int2("stdlib.math.multiply", "a * b", Math::multiplyExact));
    m.add(
        int2(
            "stdlib.math.divide",
            "a / b, rounded toward zero; b = 0 is an error",
            (a, b) -> {
              if (b == 0) {
                throw new StdlibException("division by zero: " + a + " / 0");
              }
              return Math.divideExact(a, b);
            }));
    m.add(
        int2(
            "stdlib.math.modulo",
            "a % b; b = 0 is an error",
            (a, b) -> {
              if (b == 0) {
                throw new StdlibException("division by zero: " + a + " % 0");
              }
              return a % b;
            }));
    m.add(int2("stdlib.math.max", "the larger of a and b", Math::max));
    m.add(int2("stdlib.math.min", "the smaller of a and b", Math::min));
    m.add(
        int2(
            "stdlib.math.power",
            "base ^ exponent; exponent must be >= 0",
            (a, b) -> {
              if (b < 0) {
                throw new StdlibException("power: exponent must be >= 0, was " + b);
              }
              long r = 1;
              for (long k = 0; k < b; k++) {
                r = Math.multiplyExact(r, a);
                if (r == 0 || r == 1 && a == 1) {
                  break;
                }
              }
              return r;
            }));
    m.add(
        fn(
            "stdlib.math.abs",
            "absolute value",
            Map.of("value", I),
            I,
            in -> CValue.of(Math.absExact(in.getLong("value")))));
    m.add(
        fn(
            "stdlib.math.negate",
            "-value",
            Map.of("value", I),
            I,
            in -> CValue.of(Math.negateExact(in.getLong("value")))));
    m.add(
        fn(
            "stdlib.math.round",
            "the nearest Int (halves round up)",
            Map.of("value", F),
            I,
            in -> {
              double v = in.getDouble("value");
              if (Double.isNaN(v) || v >= 0x1p63 || v < -0x1p63) {
                throw new StdlibException("round: " + v + " does not fit in an Int");
              }
              return CValue.of(Math.round(v));
            }));
    m.add(
        fn(
            "stdlib.math.divideFloat",
            "a / b as Float; b = 0 is an error",
            ordered("a", F, "b", F),
            F,
            in -> {
              double b = in.getDouble("b");
              if (b == 0.0) {
                throw new StdlibException("division by zero: " + in.getDouble("a") + " / 0.0");
              }
              return CValue.of(in.getDouble("a") / b);
            }));
    // string
    m.add(
        fn(
            "stdlib.string.concat",
            "a followed by b",
            ordered("a", S, "b", S),
            S,
            in -> CValue.of(in.getString("a") + in.getString("b"))));
    m.add(
        str1(
            "stdlib.string.upper",
            "upper-case",
            S,
            t -> CValue.of(t.toUpperCase(java.util.Locale.ROOT))));
    m.add(
        str1(
            "stdlib.string.lower",
            "lower-case",
            S,
            t -> CValue.of(t.toLowerCase(java.util.Locale.ROOT))));
    m.add(
        str1(
            "stdlib.string.trim",
            "without leading and trailing white space",
            S,
            t -> CValue.of(t.strip())));
    m.add(
        str1(
            "stdlib.string.length",
            "number of characters (code points)",
            I,
            t -> CValue.of((long) t.codePointCount(0, t.length()))));
    m.add(
        str1(
            "stdlib.string.isEmpty",
            "whether the text is empty or blank",
            B,
            t -> CValue.of(t.isBlank())));
    m.add(
        str1(
            "stdlib.string.words",
            "the text split on white space",
            LS,
            t -> {
              String s = t.strip();
              return CValue.ofStrings(s.isEmpty() ? List.of() : List.of(s.split("\\s+")));
            }));
    m.add(
        fn(
            "stdlib.string.contains",
            "whether text contains part",
            ordered("text", S, "part", S),
            B,
            in -> CValue.of(in.getString("text").contains(in.getString("part")))));
    m.add(
        fn(
            "stdlib.string.startsWith",
            "whether text starts with prefix",
            ordered("text", S, "prefix", S),
            B,
            in -> CValue.of(in.getString("text").startsWith(in.getString("prefix")))));
    m.add(
        fn(
            "stdlib.string.endsWith",
            "whether text ends with suffix",
            ordered("text", S, "suffix", S),
            B,
            in -> CValue.of(in.getString("text").endsWith(in.getString("suffix")))));
    m.add(
        fn(
            "stdlib.string.replace",
            "text with every target replaced",
            ordered3("text", S, "target", S, "replacement", S),
            S,
            in ->
                CValue.of(
                    in.getString("text")
                        .replace(in.getString("target"), in.getString("replacement")))));
    m.add(
        fn(
            "stdlib.string.split",
            "text split at every separator (literal, not a regex)",
            ordered("text", S, "separator", S),
            LS,
            in -> {
              String sep = in.getString("separator");
              if (sep.isEmpty()) {
                throw new StdlibException("split: separator must not be empty");
              }
              List<String> parts = new ArrayList<>();
              String t = in.getString("text");
              int from = 0;
              for (int at = t.indexOf(sep); at >= 0; at = t.indexOf(sep, from)) {
                parts.add(t.substring(from, at));
                from = at + sep.length();
              }
              parts.add(t.substring(from));
              return CValue.ofStrings(parts);
            }));
    m.add(
        fn(
            "stdlib.string.join",
            "the parts joined with separator",
            ordered("parts", LS, "separator", S),
            S,
            in -> CValue.of(String.join(in.getString("separator"), strings(in.getList("parts"))))));
    m.add(
        fn(
            "stdlib.string.substring",
            "characters start (inclusive) to end (exclusive)",
            ordered3("text", S, "start", I, "end", I),
            S,
            in -> {
              String t = in.getString("text");
              long s = in.getLong("start");
              long e = in.getLong("end");
              if (s < 0 || e > t.length() || s > e) {
                throw new StdlibException(
                    "substring: range "
                        + s
                        + ".."
                        + e
                        + " is outside the text of length "
                        + t.length());
              }
              return CValue.of(t.substring((int) s, (int) e));
            }));
    m.add(
        fn(
            "stdlib.string.repeat",
            "text repeated times times",
            ordered("text", S, "times", I),
            S,
            in -> {
              long n = in.getLong("times");
              String t = in.getString("text");
              if (n < 0 || n * Math.max(1, t.length()) > 10_000_000) {
                throw new StdlibException(
                    "repeat: times must be within 0 and a 10M-character result, was " + n);
              }
              return CValue.of(t.repeat((int) n));
            }));
    // bool
    m.add(bool2("stdlib.bool.and", "a and b", (a, b) -> a && b));
    m.add(bool2("stdlib.bool.or", "a or b", (a, b) -> a || b));
    m.add(bool2("stdlib.bool.xor", "exactly one of a and b", (a, b) -> a ^ b));
    m.add(
        fn(
            "stdlib.bool.not",
            "not value",
            Map.of("value", B),
            B,
            in -> CValue.of(!in.getBoolean("value"))));
    // compare
    m.add(cmp("stdlib.compare.equals", "a == b", c -> c == 0));
    m.add(cmp("stdlib.compare.notEquals", "a != b", c -> c != 0));
    m.add(cmp("stdlib.compare.greaterThan", "a > b", c -> c > 0));
    m.add(cmp("stdlib.compare.greaterOrEqual", "a >= b", c -> c >= 0));
    m.add(cmp("stdlib.compare.lessThan", "a < b", c -> c < 0));
    m.add(cmp("stdlib.compare.lessOrEqual", "a <= b", c -> c <= 0));
    m.add(
        fn(
            "stdlib.compare.textEquals",
            "whether two texts are equal",
            ordered("a", S, "b", S),
            B,
            in -> CValue.of(in.getString("a").equals(in.getString("b")))));
    // list
    m.add(
        fn(
            "stdlib.list.count",
            "number of items",
            Map.of("items", LS),
            I,
            in -> CValue.of((long) in.getList("items").size())));
    m.add(
        fn(
            "stdlib.list.sum",
            "sum of the numbers",
            Map.of("items", LI),
            I,
            in -> {
              long s = 0;
              for (long v : longs(in.getList("items"))) {
                s = Math.addExact(s, v);
              }
              return CValue.of(s);
            }));
    m.add(
        fn(
            "stdlib.list.average",
            "mean of the numbers; empty is an error",
            Map.of("items", LI),
            F,
            in -> {
              List<Long> v = longs(in.getList("items"));
              if (v.isEmpty()) {
                throw new StdlibException("average of an empty list");
              }
              double s = 0;
              for (long x : v) {
                s += x;
              }
              return CValue.of(s / v.size());
            }));
    m.add(
        fn(
            "stdlib.list.maxOf",
            "the largest number; empty is an error",
            Map.of("items", LI),
            I,
            in -> {
              List<Long> v = longs(in.getList("items"));
              if (v.isEmpty()) {
                throw new StdlibException("maxOf of an empty list");
              }
              return CValue.of(Collections.max(v));
            }));
    m.add(
        fn(
            "stdlib.list.minOf",
            "the smallest number; empty is an error",
            Map.of("items", LI),
            I,
            in -> {
              List<Long> v = longs(in.getList("items"));
              if (v.isEmpty()) {
                throw new StdlibException("minOf of an empty list");
              }
              return CValue.of(Collections.min(v));
            }));
    m.add(
        fn(
            "stdlib.list.first",
            "the first item, if any",
            Map.of("items", LS),
            CType.optional(S),
            in -> {
              List<CValue> v = in.getList("items");
              return v.isEmpty() ? CValue.none(S) : CValue.some(v.get(0));
            }));
    m.add(
        fn(
            "stdlib.list.includes",
            "whether items contains item",
            ordered("items", LS, "item", S),
            B,
            in -> CValue.of(in.getList("items").contains(in.get("item")))));
    m.add(
        fn(
            "stdlib.list.reverse",
            "the items in reverse order",
            Map.of("items", LS),
            LS,
            in -> {
              List<String> v = new ArrayList<>(strings(in.getList("items")));
              Collections.reverse(v);
              return CValue.ofStrings(v);
            }));
    m.add(
        fn(
            "stdlib.list.sort",
            "the numbers in ascending order",
            Map.of("items", LI),
            LI,
            in -> {
              List<Long> v = new ArrayList<>(longs(in.getList("items")));
              Collections.sort(v);
              return CValue.ofLongs(v);
            }));
    m.add(
        fn(
            "stdlib.list.range",
            "start, start+1, .., end-1 (at most 1M numbers)",
            ordered("start", I, "end", I),
            LI,
            in -> {
              long s = in.getLong("start");
              long e = in.getLong("end");
              if (e - s > 1_000_000) {
                throw new StdlibException("range: at most 1000000 numbers, asked for " + (e - s));
              }
              List<Long> v = new ArrayList<>();
              for (long k = s; k < e; k++) {
                v.add(k);
              }
              return CValue.ofLongs(v);
            }));
    // convert
    m.add(
        fn(
            "stdlib.convert.toString",
            "decimal text of an Int",
            Map.of("value", I),
            S,
            in -> CValue.of(Long.toString(in.getLong("value")))));
    m.add(
        fn(
            "stdlib.convert.floatToString",
            "text of a Float",
            Map.of("value", F),
            S,
            in -> CValue.of(Double.toString(in.getDouble("value")))));
    m.add(
        fn(
            "stdlib.convert.boolToString",
            "true or false",
            Map.of("value", B),
            S,
            in -> CValue.of(Boolean.toString(in.getBoolean("value")))));
    m.add(
        str1(
            "stdlib.convert.parseInt",
            "the Int written in text; other text is an error",
            I,
            t -> {
              try {
                return CValue.of(Long.parseLong(t.strip()));
              } catch (NumberFormatException e) {
                throw new StdlibException("cannot convert '" + abbreviate(t) + "' to Int");
              }
            }));
    m.add(
        str1(
            "stdlib.convert.parseFloat",
            "the Float written in text; other text is an error",
            F,
            t -> {
              try {
                String s = t.strip();
                if (!s.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
                  throw new NumberFormatException();
                }
                return CValue.of(Double.parseDouble(s));
              } catch (NumberFormatException e) {
                throw new StdlibException("cannot convert '" + abbreviate(t) + "' to Float");
              }
            }));
    m.add(
        fn(
            "stdlib.convert.toFloat",
            "the Int as Float",
            Map.of("value", I),
            F,
            in -> CValue.of((double) in.getLong("value"))));
    m.add(
        fn(
            "stdlib.convert.toInt",
            "the Float truncated toward zero",
            Map.of("value", F),
            I,
            in -> {
              double v = in.getDouble("value");
              if (Double.isNaN(v) || v >= 0x1p63 || v < -0x1p63) {
                throw new StdlibException("toInt: " + v + " does not fit in an Int");
              }
              return CValue.of((long) v);
            }));
    return List.copyOf(m);
  }

  private static String abbreviate(String t) {
    return t.length() > 40 ? t.substring(0, 40) + "..." : t;
  }

  private interface LongOp {
    long apply(long a, long b);
  }

  private interface BoolOp {
    boolean apply(boolean a, boolean b);
  }

  private interface Body {
    CValue apply(ModuleInputs in);
  }

  private static Map<String, CType> ordered(String a, CType at, String b, CType bt) {
    Map<String, CType> m = new java.util.LinkedHashMap<>();
    m.put(a, at);
    m.put(b, bt);
    return m;
  }

  private static Map<String, CType> ordered3(
      String a, CType at, String b, CType bt, String c, CType ct) {
    Map<String, CType> m = ordered(a, at, b, bt);
    m.put(c, ct);
    return m;
  }

  private static Module fn(
      String name, String description, Map<String, CType> inputs, CType out, Body body) {
    Module.Builder b = Module.builder(name).description(description).version(1, 0).tags("stdlib");
    inputs.forEach(b::input);
    return b.output("result", out)
        .implementation(
            in -> {
              try {
                return Map.of("result", body.apply(in));
              } catch (ArithmeticException e) {
                throw new StdlibException(name + ": integer overflow");
              }
            })
        .build();
  }

  private static Module int2(String name, String description, LongOp op) {
    return fn(
        name,
        description,
        ordered("a", I, "b", I),
        I,
        in -> CValue.of(op.apply(in.getLong("a"), in.getLong("b"))));
  }

  private static Module bool2(String name, String description, BoolOp op) {
    return fn(
        name,
        description,
        ordered("a", B, "b", B),
        B,
        in -> CValue.of(op.apply(in.getBoolean("a"), in.getBoolean("b"))));
  }

  private static Module cmp(String name, String description, java.util.function.IntPredicate p) {
    return fn(
        name,
        description,
        ordered("a", I, "b", I),
        B,
        in -> CValue.of(p.test(Long.compare(in.getLong("a"), in.getLong("b")))));
  }

  private static Module str1(
      String name, String description, CType out, Function<String, CValue> f) {
    return fn(name, description, Map.of("text", S), out, in -> f.apply(in.getString("text")));
  }

  private static List<String> strings(List<CValue> values) {
    return values.stream().map(v -> ((CValue.CString) v).value()).toList();
  }

  private static List<Long> longs(List<CValue> values) {
    return values.stream().map(v -> ((CValue.CInt) v).value()).toList();
  }
}
