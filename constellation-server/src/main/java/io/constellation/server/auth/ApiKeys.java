package io.constellation.server.auth;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The configured API keys, kept only as SHA-256 hashes. A presented key is hashed and compared with
 * <em>every</em> stored hash using {@link MessageDigest#isEqual} (constant time for equal lengths),
 * so neither the comparison nor the number of comparisons depends on how much of a key matched.
 *
 * <p>Config entries look like {@code ROLE:KEY} (the plain key is hashed at load and not kept) or
 * {@code ROLE:sha256:HEX} (already hashed, so a config file need not contain the secret).
 *
 * <p>Thread-safety: immutable after construction.
 */
public final class ApiKeys {
  private static final String HASHED_PREFIX = "sha256:";

  private record Entry(byte[] hash, Role role) {}

  private final List<Entry> entries;

  private ApiKeys(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /** No keys: authentication is off. */
  public static ApiKeys none() {
    return new ApiKeys(List.of());
  }

  /**
   * Parses config entries ({@code ROLE:KEY} or {@code ROLE:sha256:HEX}).
   *
   * @throws IllegalArgumentException with a one-line message naming the bad entry (never the key)
   */
  public static ApiKeys parse(List<String> specs) {
    requireNonNull(specs, "specs");
    List<Entry> out = new ArrayList<>();
    int index = 0;
    for (String spec : specs) {
      index++;
      int colon = spec.indexOf(':');
      if (colon <= 0 || colon == spec.length() - 1) {
        throw new IllegalArgumentException(
            "api key #" + index + ": expected ROLE:KEY or ROLE:sha256:HEX");
      }
      Role role = Role.parse(spec.substring(0, colon));
      String rest = spec.substring(colon + 1);
      byte[] hash;
      if (rest.startsWith(HASHED_PREFIX)) {
        String hex = rest.substring(HASHED_PREFIX.length());
        if (!hex.matches("[0-9a-fA-F]{64}")) {
          throw new IllegalArgumentException(
              "api key #" + index + ": sha256: must be followed by 64 hex digits");
        }
        hash = HexFormat.of().parseHex(hex.toLowerCase());
      } else {
        if (rest.length() < 8) {
          throw new IllegalArgumentException(
              "api key #" + index + ": keys must be at least 8 characters");
        }
        hash = sha256(rest);
      }
      out.add(new Entry(hash, role));
    }
    return new ApiKeys(out);
  }

  /** Whether any key is configured (authentication on). */
  public boolean enabled() {
    return !entries.isEmpty();
  }

  /** The role of {@code presentedKey}, empty when it matches no configured key. */
  public Optional<Role> authenticate(String presentedKey) {
    if (presentedKey == null || presentedKey.isEmpty()) {
      return Optional.empty();
    }
    byte[] presented = sha256(presentedKey);
    Role found = null;
    for (Entry e : entries) {
      // Compare with every entry, without stopping early.
      if (MessageDigest.isEqual(e.hash(), presented) && found == null) {
        found = e.role();
      }
    }
    return Optional.ofNullable(found);
  }

  /** A short, non-reversible id of a key (for rate-limit buckets and logs). */
  public static String fingerprint(String key) {
    return HexFormat.of().formatHex(sha256(key), 0, 8);
  }

  /** Lower-case hex SHA-256 of {@code key}, the form accepted as {@code ROLE:sha256:HEX}. */
  public static String hashHex(String key) {
    return HexFormat.of().formatHex(sha256(key));
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
