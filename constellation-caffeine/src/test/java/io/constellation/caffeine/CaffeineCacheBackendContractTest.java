package io.constellation.caffeine;

import io.constellation.cache.CacheBackend;
import io.constellation.tck.CacheBackendContract;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** The cache TCK with a controllable Caffeine ticker. */
class CaffeineCacheBackendContractTest extends CacheBackendContract {
  private final AtomicLong nanos = new AtomicLong(0);

  @Override
  protected CacheBackend createBackend() {
    return new CaffeineCacheBackend().withTicker(nanos::get);
  }

  @Override
  protected boolean supportsClockControl() {
    return true;
  }

  @Override
  protected void advanceTime(Duration amount) {
    nanos.addAndGet(amount.toNanos());
  }
}
