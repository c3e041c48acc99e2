package io.constellation.cache;

import io.constellation.pipeline.Hashes;
import io.constellation.type.CTypes;
import io.constellation.type.CValue;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/** Cache keys for module results. */
public final class CacheKeyGenerator {
  private CacheKeyGenerator() {}

  /**
   * URL-safe Base64 (no padding) of SHA-256 over a canonical text of the module identity and its
   * inputs: sorted input names, every value in canonical form (kinds tagged, strings escaped,
   * records and maps order-insensitive, lists order-sensitive). A different module version gives
   * a different key.
   */
  public static String forModuleResult(String moduleName, String moduleVersion, Map<String, CValue> inputs) {
    StringBuilder sb = new StringBuilder("module-result/1\n");
    quote(moduleName, sb);
    sb.append('@');
    quote(moduleVersion, sb);
    sb.append('\n');
    for (Map.Entry<String, CValue> e : new TreeMap<>(inputs).entrySet()) {
      quote(e.getKey(), sb);
      sb.append('=').append(CTypes.canonical(e.getValue())).append('\n');
    }
    byte[] digest = Hashes.sha256(sb.toString().getBytes(StandardCharsets.UTF_8));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
  }

  private static void quote(String s, StringBuilder sb) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\');
      }
      sb.append(c);
    }
    sb.append('"');
  }
}
