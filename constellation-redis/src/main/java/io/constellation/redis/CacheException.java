package io.constellation.redis;

import io.constellation.ConstellationException;

/**
 * A Redis cache operation failed (connection lost, command timed out, server error). The driver's
 * exception is kept as the cause. The engine treats a failing lookup as a miss and a failing store
 * as "not stored".
 */
public final class CacheException extends ConstellationException {
  private static final long serialVersionUID = 1L;

  public CacheException(String message, Throwable cause) {
    super(message, cause);
  }
}
