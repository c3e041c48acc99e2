package io.constellation.cache;

import static java.util.Objects.requireNonNull;

import io.constellation.pipeline.Hashes;
import io.constellation.type.CTypes;
import io.constellation.type.CValue;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * Cache keys for module results (DESIGN §8.1). A key is the URL-safe Base64 (no padding) of the
 * SHA-256 of a canonical text made of the module name, the module version and the inputs sorted by
 * name, each written with {@link CTypes#canonical(CValue)}. So:
 *
 * <ul>
 *   <li>a different module version gives a different key (a code change serves no stale result);
 *   <li>record field order and map entry order do not matter, list order does;
 *   <li>every kind is tagged, so {@code 1} (Int), {@code 1.0} (Float) and {@code "1"} differ;
 *   <li>names and strings are quoted and escaped, so no two inputs can collide by concatenation.
 * </ul>
 *
 * Keys are 43 characters from {@code [A-Za-z0-9_-]}, safe in Redis, memcached and URLs.
 *
 * <p>Thread-safety: stateless.
 */
public final class CacheKeyGenerator {
  private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

  private CacheKeyGenerator() {}

  /** The cache key of calling {@code moduleName} at {@code moduleVersion} with {@code inputs}. */
  public static String forModuleResult(
      String moduleName, String moduleVersion, Map<String, CValue> inputs) {
    return BASE64.encodeToString(
        Hashes.sha256(
            canonicalText(moduleName, moduleVersion, inputs).getBytes(StandardCharsets.UTF_8)));
  }

  /** The canonical text a key is the hash of (for debugging unexpected cache misses). */
  public static String canonicalText(
      String moduleName, String moduleVersion, Map<String, CValue> inputs) {
    requireNonNull(moduleName, "moduleName");
    requireNonNull(moduleVersion, "moduleVersion");
    requireNonNull(inputs, "inputs");
    StringBuilder sb =
        new StringBuilder(sizeHint(moduleName, moduleVersion, inputs))
            .append("constellation-cache/1\nmodule ");
    quote(moduleName, sb).append("\nversion ");
    quote(moduleVersion, sb).append('\n');
    Map<String, CValue> sorted = inputs.size() <= 1 ? inputs : new TreeMap<>(inputs);
    for (Map.Entry<String, CValue> e : sorted.entrySet()) {
      quote(e.getKey(), sb.append("input ")).append('=');
      CTypes.appendCanonical(requireNonNull(e.getValue(), e.getKey()), sb);
      sb.append('\n');
    }
    return sb.toString();
  }

  /** A capacity that fits the usual canonical text, so the builder is not regrown and copied. */
  private static int sizeHint(String moduleName, String moduleVersion, Map<String, CValue> inputs) {
    int size = 64 + moduleName.length() + moduleVersion.length();
    for (Map.Entry<String, CValue> e : inputs.entrySet()) {
      size += 16 + e.getKey().length();
      size += e.getValue() instanceof CValue.CString s ? s.value().length() + 8 : 64;
    }
    return size;
  }

  private static StringBuilder quote(String s, StringBuilder sb) {
    sb.append('"');
    if (s.indexOf('"') < 0 && s.indexOf('\\') < 0 && s.indexOf('\n') < 0) {
      return sb.append(s).append('"');
    }
    int from = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String escaped =
          switch (c) {
            case '"' -> "\\\"";
            case '\\' -> "\\\\";
            case '\n' -> "\\n";
            default -> null;
          };
      if (escaped != null) {
        sb.append(s, from, i).append(escaped);
        from = i + 1;
      }
    }
    return sb.append(s, from, s.length()).append('"');
  }
}
