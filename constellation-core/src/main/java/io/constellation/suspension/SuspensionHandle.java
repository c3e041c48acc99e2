package io.constellation.suspension;

import static java.util.Objects.requireNonNull;

/** An opaque, store-assigned id of a saved suspension. */
public record SuspensionHandle(String id) {
  public SuspensionHandle {
    requireNonNull(id, "id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("suspension handle must not be blank");
    }
  }

  @Override
  public String toString() {
    return id;
  }
}
