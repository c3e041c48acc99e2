package io.constellation.memcached;

import io.constellation.ConstellationException;

/**
 * A memcached cache operation failed (connection lost, operation timed out, server error). The
 * driver's exception is kept as the cause. The engine treats a failing lookup as a miss and a
 * failing store as "not stored".
 */
public final class CacheException extends ConstellationException {
  private static final long serialVersionUID = 1L;

  public CacheException(String message, Throwable cause) {
    super(message, cause);
  }

  public CacheException(String message) {
    super(message);
  }
}
