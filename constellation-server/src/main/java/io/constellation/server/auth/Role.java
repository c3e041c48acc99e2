package io.constellation.server.auth;

import java.util.Locale;

/**
 * What an API key may do. Roles are ordered: {@link #ADMIN} can do everything {@link #EXECUTE} can,
 * which can do everything {@link #READ} can.
 */
public enum Role {
  /** List and read pipelines, executions, modules. */
  READ,
  /** Also compile, run, execute and resume. */
  EXECUTE,
  /** Also delete pipelines and executions and move aliases. */
  ADMIN;

  /** Whether a key with this role may do what {@code required} allows. */
  public boolean allows(Role required) {
    return ordinal() >= required.ordinal();
  }

  /**
   * Parses {@code admin}, {@code execute} or {@code read} (also {@code read-only}), ignoring case.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static Role parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    return switch (t) {
      case "admin" -> ADMIN;
      case "execute", "exec" -> EXECUTE;
      case "read", "read-only", "readonly" -> READ;
      default ->
          throw new IllegalArgumentException(
              "unknown role '" + text + "' (expected admin, execute or read)");
    };
  }

  /** The lower-case name used in config and responses. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
