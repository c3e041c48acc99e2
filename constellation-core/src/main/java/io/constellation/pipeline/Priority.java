package io.constellation.pipeline;

import java.util.Locale;

/** Named priorities; numeric priorities range 0..100, higher runs first. */
public final class Priority {
  public static final int CRITICAL = 100;
  public static final int HIGH = 75;
  public static final int NORMAL = 50;
  public static final int LOW = 25;
  public static final int BACKGROUND = 0;

  private Priority() {}

  /** Parses {@code critical|high|normal|low|background} or a number 0..100. */
  public static int parse(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "critical" -> CRITICAL;
      case "high" -> HIGH;
      case "normal" -> NORMAL;
      case "low" -> LOW;
      case "background" -> BACKGROUND;
      default -> {
        int n;
        try {
          n = Integer.parseInt(text);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              "priority must be critical, high, normal, low, background or 0..100, was '"
                  + text
                  + "'");
        }
        yield check(n);
      }
    };
  }

  static int check(int n) {
    if (n < 0 || n > 100) {
      throw new IllegalArgumentException("priority must be within 0..100, was " + n);
    }
    return n;
  }
}
