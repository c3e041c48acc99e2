package io.constellation.server.config;

import io.constellation.ConstellationException;

/**
 * The configuration is invalid (unknown option, bad URI, unknown scheme, backend that cannot be
 * reached). The message is one line that names the setting; the CLI prints it and exits 1.
 */
public class ConfigException extends ConstellationException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
