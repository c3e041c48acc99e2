package io.constellation.execution;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One failed module call.
 *
 * @param module the module name
 * @param node the node id
 * @param message one-line message
 * @param cause the final exception, when available (not serialized)
 * @param attempts how many attempts were made
 */
public record ExecutionError(
    String module, String node, String message, Optional<Throwable> cause, int attempts) {
  public ExecutionError {
    requireNonNull(module, "module");
    requireNonNull(node, "node");
    requireNonNull(message, "message");
    requireNonNull(cause, "cause");
  }
}
