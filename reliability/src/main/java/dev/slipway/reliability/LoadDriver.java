package dev.slipway.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Holds a steady concurrency of operations through the gateway (each worker starts its next
 * operation when the last one is answered), recording every attempt with the fault phase it started
 * in. Runs until told to {@link #finish} and at least the given count has started, so that the
 * faults always happen under load.
 */
public final class LoadDriver implements AutoCloseable {

  private static final Duration REFUSED_BACKOFF = Duration.ofSeconds(1);

  private final Workload workload;
  private final int total;
  private final Duration pause;
  private final ExecutorService workers;
  private final AtomicInteger started = new AtomicInteger();
  private final ConcurrentLinkedQueue<Attempt> attempts = new ConcurrentLinkedQueue<>();
  private volatile String phase = "baseline";
  private volatile boolean finishing;

  public LoadDriver(Workload workload, int concurrency, int total, Duration pause) {
    this.workload = workload;
    this.total = total;
    this.pause = pause;
    this.workers = Executors.newFixedThreadPool(concurrency);
    for (int i = 0; i < concurrency; i++) {
      workers.submit(this::work);
    }
    workers.shutdown();
  }

  private void work() {
    while (!Thread.currentThread().isInterrupted()) {
      if (started.getAndIncrement() >= total && finishing) {
        return;
      }
      Attempt attempt = workload.next(phase);
      attempts.add(attempt);
      try {
        // As a client should: a refusal or no answer backs off instead of hammering the gateway.
        Thread.sleep(
            attempt.unavailable() || attempt.noAnswer()
                ? Math.max(REFUSED_BACKOFF.toMillis(), pause.toMillis())
                : pause.toMillis());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Labels the attempts that start from now on. */
  public void phase(String label) {
    this.phase = label;
  }

  /** Lets the load end once the count is reached. */
  public void finish() {
    finishing = true;
  }

  public int done() {
    return attempts.size();
  }

  public boolean finished() {
    return workers.isTerminated();
  }

  /** Waits for the last operation; answers every attempt. */
  public List<Attempt> await(Duration timeout) throws InterruptedException {
    if (!workers.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException(
          "the load did not finish within " + timeout + ": " + attempts.size() + " done");
    }
    return new ArrayList<>(attempts);
  }

  @Override
  public void close() {
    workers.shutdownNow();
  }
}
