package io.constellation.module;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** Descriptive metadata of a module. {@code cacheVersion} is appended to the cache identity. */
public record ModuleMetadata(
    String name,
    String description,
    int majorVersion,
    int minorVersion,
    List<String> tags,
    String cacheVersion) {
  public ModuleMetadata {
    requireNonNull(name, "name");
    requireNonNull(description, "description");
    tags = List.copyOf(tags);
    requireNonNull(cacheVersion, "cacheVersion");
    if (name.isBlank()) {
      throw new IllegalArgumentException("module name must not be blank");
    }
    if (majorVersion < 0 || minorVersion < 0) {
      throw new IllegalArgumentException("module version must not be negative");
    }
  }

  /** {@code major.minor}. */
  public String version() {
    return majorVersion + "." + minorVersion;
  }

  /** The identity used for cache keys: version plus the optional explicit cache version. */
  public String cacheIdentity() {
    return cacheVersion.isEmpty() ? version() : version() + "+" + cacheVersion;
  }
}
