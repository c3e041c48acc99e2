package io.constellation.benchmarks;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The floor for P1: the same shapes written by hand with {@link CompletableFuture} on virtual
 * threads, no engine. The graph is built first from an incomplete source, then the source is
 * completed on a virtual thread: dependent stages run on the thread that completes their inputs
 * (chain, lattice), and fan-out branches are handed to the virtual-thread executor, as the engine
 * does. Boxed {@code Long}s stand in for the engine's values.
 */
public final class CfFloor {
  private CfFloor() {}

  public static long chain(Executor vt, int n, long x) {
    CompletableFuture<Long> src = new CompletableFuture<>();
    CompletableFuture<Long> f = src;
    for (int i = 0; i < n; i++) {
      f = f.thenApply(v -> v + 1);
    }
    vt.execute(() -> src.complete(x));
    return f.join();
  }

  @SuppressWarnings("unchecked")
  public static long fanOut(Executor vt, int n, long x) {
    CompletableFuture<Long> src = new CompletableFuture<>();
    CompletableFuture<Long>[] branches = new CompletableFuture[n];
    for (int i = 0; i < n; i++) {
      branches[i] = src.thenApplyAsync(v -> v + 1, vt);
    }
    CompletableFuture<Long> join =
        CompletableFuture.allOf(branches)
            .thenApply(
                ignored -> {
                  long s = 0;
                  for (CompletableFuture<Long> b : branches) {
                    s += b.join();
                  }
                  return s;
                });
    vt.execute(() -> src.complete(x));
    return join.join();
  }

  @SuppressWarnings("unchecked")
  public static long lattice(Executor vt, int side, long x) {
    CompletableFuture<Long> src = new CompletableFuture<>();
    CompletableFuture<Long>[][] g = new CompletableFuture[side][side];
    for (int r = 0; r < side; r++) {
      for (int c = 0; c < side; c++) {
        if (r == 0 && c == 0) {
          g[r][c] = src.thenApply(v -> v);
        } else if (r == 0) {
          g[r][c] = g[0][c - 1].thenApply(v -> v);
        } else if (c == 0) {
          g[r][c] = g[r - 1][0].thenApply(v -> v);
        } else {
          g[r][c] = g[r - 1][c].thenCombine(g[r][c - 1], Long::sum);
        }
      }
    }
    vt.execute(() -> src.complete(x));
    return g[side - 1][side - 1].join();
  }

  /** P2's comparator: one stage on a virtual thread, awaited by the caller. */
  public static long single(Executor vt, long x) {
    return CompletableFuture.supplyAsync(() -> x + 1, vt).join();
  }
}
