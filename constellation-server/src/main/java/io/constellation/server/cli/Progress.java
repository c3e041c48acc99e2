package io.constellation.server.cli;

import io.constellation.spi.ExecutionListener;
import java.io.PrintWriter;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Progress of a local run for the terminal: counts finished module calls (from the engine's
 * listener events) and, once a run has taken longer than {@link #QUIET_MILLIS} ms, prints a line
 * such as {@code running order-enrichment: 3/7 modules done (2.1 s)} to standard error every
 * second.
 */
final class Progress implements ExecutionListener {
  static final long QUIET_MILLIS = 1_000;
  private final AtomicInteger done = new AtomicInteger();
  private final long quietMillis;
  private final long intervalMillis;

  Progress() {
    this(QUIET_MILLIS, 1_000);
  }

  Progress(long quietMillis, long intervalMillis) {
    this.quietMillis = quietMillis;
    this.intervalMillis = intervalMillis;
  }

  @Override
  public void onModuleComplete(
      UUID executionId, UUID moduleId, String moduleName, long durationMs) {
    done.incrementAndGet();
  }

  @Override
  public void onModuleFailed(UUID executionId, UUID moduleId, String moduleName, Throwable error) {
    done.incrementAndGet();
  }

  int done() {
    return done.get();
  }

  /** Waits for {@code run}, printing progress lines to {@code err} while it takes long. */
  <T> T await(
      java.util.concurrent.CompletableFuture<T> run, String name, int modules, PrintWriter err)
      throws InterruptedException, java.util.concurrent.ExecutionException {
    long start = System.nanoTime();
    long next = quietMillis;
    boolean printed = false;
    while (true) {
      try {
        T result =
            run.get(Math.min(100, intervalMillis), java.util.concurrent.TimeUnit.MILLISECONDS);
        if (printed) {
          err.println();
          err.flush();
        }
        return result;
      } catch (java.util.concurrent.TimeoutException e) {
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        if (elapsed >= next) {
          err.print(
              "\rrunning "
                  + name
                  + ": "
                  + Math.min(done(), modules)
                  + "/"
                  + modules
                  + " modules done ("
                  + String.format(java.util.Locale.ROOT, "%.1f", elapsed / 1000.0)
                  + " s)");
          err.flush();
          printed = true;
          next = elapsed + intervalMillis;
        }
      }
    }
  }
}
