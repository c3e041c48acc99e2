package io.constellation.lang;

import io.constellation.pipeline.Backoff;
import io.constellation.pipeline.CallOptions;
import io.constellation.pipeline.ErrorStrategy;
import io.constellation.pipeline.Priority;
import io.constellation.type.CType;
import io.constellation.type.CValue;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Compiles {@code with} options to {@link CallOptions}, reporting positioned errors. */
final class Options {
  static final List<String> NAMES =
      List.of(
          "retry",
          "delay",
          "backoff",
          "max_delay",
          "timeout",
          "fallback",
          "cache",
          "cache_backend",
          "throttle",
          "concurrency",
          "on_error",
          "priority");

  private Options() {}

  /**
   * The options, or null after reporting errors. {@code resultType} is the call's type (null when
   * the module is unknown: fallback is then not checked).
   */
  static CallOptions compile(
      List<Ast.Option> options, CType resultType, Checker checker, Source src) {
    CallOptions.Builder b = CallOptions.builder();
    boolean ok = true;
    Set<String> seen = new HashSet<>();
    for (Ast.Option o : options) {
      if (!NAMES.contains(o.name())) {
        checker.error(
            o.pos(),
            "unknown option '"
                + o.name()
                + "'"
                + Suggest.hint(o.name(), NAMES)
                + " (options: "
                + String.join(", ", NAMES)
                + ")");
        ok = false;
        continue;
      }
      if (!seen.add(o.name())) {
        checker.error(o.pos(), "option '" + o.name() + "' is given twice");
        ok = false;
        continue;
      }
      Ast.Expr v = o.value();
      switch (o.name()) {
        case "retry" -> {
          Long n = integer(v, checker, "retry", 0, Integer.MAX_VALUE);
          if (n == null) {
            ok = false;
          } else {
            b.retry(n.intValue());
          }
        }
        case "concurrency" -> {
          Long n = integer(v, checker, "concurrency", 1, Integer.MAX_VALUE);
          if (n == null) {
            ok = false;
          } else {
            b.concurrency(n.intValue());
          }
        }
        case "delay", "max_delay", "timeout", "cache" -> {
          Duration d = duration(v, checker, o.name());
          if (d == null) {
            ok = false;
          } else {
            switch (o.name()) {
              case "delay" -> b.delay(d);
              case "max_delay" -> b.maxDelay(d);
              case "timeout" -> b.timeout(d);
              default -> b.cache(d);
            }
          }
        }
        case "backoff" -> {
          String w = word(v, checker, "backoff", List.of("fixed", "linear", "exponential"));
          if (w == null) {
            ok = false;
          } else {
            b.backoff(Backoff.valueOf(w.toUpperCase(Locale.ROOT)));
          }
        }
        case "on_error" -> {
          String w = word(v, checker, "on_error", List.of("propagate", "skip", "log", "wrap"));
          if (w == null) {
            ok = false;
          } else {
            b.onError(ErrorStrategy.valueOf(w.toUpperCase(Locale.ROOT)));
          }
        }
        case "priority" -> {
          if (v instanceof Ast.IntLit || v instanceof Ast.Unary) {
            Long n = integer(v, checker, "priority", 0, 100);
            if (n == null) {
              ok = false;
            } else {
              b.priority(n.intValue());
            }
          } else {
            String w =
                word(
                    v,
                    checker,
                    "priority",
                    List.of("critical", "high", "normal", "low", "background"));
            if (w == null) {
              ok = false;
            } else {
              b.priority(Priority.parse(w));
            }
          }
        }
        case "cache_backend" -> {
          if (v instanceof Ast.Str s
              && s.parts().size() == 1
              && s.parts().get(0) instanceof String name
              && !name.isBlank()) {
            b.cacheBackend(name);
          } else {
            checker.error(
                v.pos(), "cache_backend must be a non-empty string literal such as \"redis\"");
            ok = false;
          }
        }
        case "throttle" -> {
          if (v instanceof Ast.Binary bin
              && bin.op().equals("/")
              && bin.left() instanceof Ast.IntLit n
              && bin.right() instanceof Ast.DurationLit d) {
            if (n.value() <= 0 || n.value() > Integer.MAX_VALUE) {
              checker.error(n.pos(), "throttle needs at least 1 call per period, was " + n.value());
              ok = false;
            } else if (d.value() == null) {
              ok = false;
            } else if (d.value().isZero() || d.value().isNegative()) {
              checker.error(d.pos(), "throttle period must be > 0, was " + d.text());
              ok = false;
            } else {
              b.throttle((int) n.value(), d.value());
            }
          } else {
            checker.error(v.pos(), "throttle must look like 100/1min (calls / period)");
            ok = false;
          }
        }
        case "fallback" -> {
          if (resultType != null) {
            Optional<CValue> fb = checker.constant(v, resultType, "fallback");
            if (fb.isEmpty()) {
              ok = false;
            } else {
              b.fallback(fb.get());
            }
          }
        }
        default -> throw new IllegalStateException(o.name());
      }
    }
    if (!ok) {
      return null;
    }
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      checker.error(options.get(0).pos(), "invalid options: " + e.getMessage());
      return null;
    }
  }

  private static Long integer(Ast.Expr v, Checker checker, String name, long min, long max) {
    long value;
    if (v instanceof Ast.IntLit n) {
      value = n.value();
    } else if (v instanceof Ast.Unary u
        && u.op().equals("-")
        && u.operand() instanceof Ast.IntLit n) {
      value = -n.value();
    } else {
      checker.error(v.pos(), name + " must be a whole number" + range(min, max));
      return null;
    }
    if (value < min || value > max) {
      checker.error(
          v.pos(), name + " must be" + range(min, max).replace(" in", "") + ", was " + value);
      return null;
    }
    return value;
  }

  private static String range(long min, long max) {
    return max == Integer.MAX_VALUE ? " >= " + min : " in " + min + ".." + max;
  }

  private static Duration duration(Ast.Expr v, Checker checker, String name) {
    if (v instanceof Ast.DurationLit d && d.value() == null) {
      return null; // a malformed duration, already reported
    }
    if (!(v instanceof Ast.DurationLit d)) {
      checker.error(v.pos(), name + " must be a duration such as 500ms, 2s, 5min, 1h or 1d");
      return null;
    }
    if (d.value().isZero() || d.value().isNegative()) {
      checker.error(v.pos(), name + " must be > 0, was " + d.text());
      return null;
    }
    return d.value();
  }

  private static String word(Ast.Expr v, Checker checker, String name, List<String> allowed) {
    if (v instanceof Ast.Name n && n.path().size() == 1) {
      String w = n.path().get(0);
      if (allowed.contains(w)) {
        return w;
      }
      checker.error(
          v.pos(),
          "unknown "
              + name
              + " '"
              + w
              + "'"
              + Suggest.hint(w, allowed)
              + " (one of: "
              + String.join(", ", allowed)
              + ")");
      return null;
    }
    checker.error(v.pos(), name + " must be one of: " + String.join(", ", allowed));
    return null;
  }
}
