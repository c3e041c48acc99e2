package io.constellation.benchmarks;

import com.linkedin.parseq.Engine;
import com.linkedin.parseq.EngineBuilder;
import com.linkedin.parseq.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The P1 shapes on LinkedIn ParSeq's task API: {@code map} for dependent steps, {@code Task.par}
 * for joins, a shared task instance where two nodes read the same value (ParSeq runs it once). The
 * engine uses a fixed pool of one thread per core, as ParSeq's documentation suggests. ParSeq runs
 * a {@code map} chain recursively (about 1 KB of stack per stage: a 1000-stage chain overflows a
 * default 1 MB thread stack), so the pool threads get {@value #STACK_BYTES} bytes of stack; nothing
 * else is tuned.
 */
public final class ParSeqShapes implements AutoCloseable {
  static final long STACK_BYTES = 64L << 20;

  private final ExecutorService pool;
  private final ScheduledExecutorService timers;
  private final Engine engine;

  public ParSeqShapes() {
    int cores = Runtime.getRuntime().availableProcessors();
    AtomicInteger n = new AtomicInteger();
    pool =
        Executors.newFixedThreadPool(
            cores, r -> new Thread(null, r, "parseq-" + n.incrementAndGet(), STACK_BYTES));
    timers = Executors.newSingleThreadScheduledExecutor();
    engine = new EngineBuilder().setTaskExecutor(pool).setTimerScheduler(timers).build();
  }

  private long await(Task<Long> t) throws InterruptedException {
    engine.run(t);
    t.await();
    if (t.isFailed()) {
      throw new IllegalStateException("ParSeq plan failed", t.getError());
    }
    return t.get();
  }

  public long chain(int n, long x) throws InterruptedException {
    Task<Long> t = Task.value("x", x);
    for (int i = 0; i < n; i++) {
      t = t.map(v -> v + 1);
    }
    return await(t);
  }

  public long fanOut(int n, long x) throws InterruptedException {
    Task<Long> src = Task.value("x", x);
    List<Task<Long>> branches = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      branches.add(src.map(v -> v + 1));
    }
    Task<Long> join =
        Task.par(branches)
            .map(
                list -> {
                  long s = 0;
                  for (long v : list) {
                    s += v;
                  }
                  return s;
                });
    return await(join);
  }

  @SuppressWarnings("unchecked")
  public long lattice(int side, long x) throws InterruptedException {
    Task<Long> src = Task.value("x", x);
    Task<Long>[][] g = new Task[side][side];
    for (int r = 0; r < side; r++) {
      for (int c = 0; c < side; c++) {
        if (r == 0 && c == 0) {
          g[r][c] = src.map(v -> v);
        } else if (r == 0) {
          g[r][c] = g[0][c - 1].map(v -> v);
        } else if (c == 0) {
          g[r][c] = g[r - 1][0].map(v -> v);
        } else {
          g[r][c] = Task.par(g[r - 1][c], g[r][c - 1]).map(Long::sum);
        }
      }
    }
    return await(g[side - 1][side - 1]);
  }

  @Override
  public void close() {
    engine.shutdown();
    pool.shutdownNow();
    timers.shutdownNow();
  }
}
