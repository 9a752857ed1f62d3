package dev.slipway.deploy.observe;

import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Reads several containers' logs at once, each within one deadline: a node whose kubelet does not
 * answer costs that pod's lines, not the whole answer (the gateway gives up on deploy-service after
 * its own, longer, timeout).
 */
@ApplicationScoped
public class LogReads {

  private static final int MAX_REASON = 200;

  /** Reads are blocking (pods/log); cancelled ones are interrupted. */
  private final ExecutorService readers =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "slipway-log-read");
            t.setDaemon(true);
            return t;
          });

  /** What one container's read gave: its lines, or why there are none. */
  public record Outcome<S>(S source, List<String> lines, String failure) {
    boolean answered() {
      return failure == null;
    }
  }

  /** Reads every source in parallel; those not done within {@code bound} fail with a reason. */
  public <S> List<Outcome<S>> readAll(
      List<S> sources, Function<S, List<String>> read, Duration bound) {
    List<CompletableFuture<List<String>>> futures = new ArrayList<>();
    for (S source : sources) {
      futures.add(CompletableFuture.supplyAsync(() -> read.apply(source), readers));
    }
    long deadline = System.nanoTime() + bound.toNanos();
    List<Outcome<S>> outcomes = new ArrayList<>();
    for (int i = 0; i < sources.size(); i++) {
      CompletableFuture<List<String>> future = futures.get(i);
      S source = sources.get(i);
      try {
        long left = Math.max(0, deadline - System.nanoTime());
        outcomes.add(new Outcome<>(source, future.get(left, TimeUnit.NANOSECONDS), null));
      } catch (TimeoutException e) {
        future.cancel(true);
        outcomes.add(
            new Outcome<>(
                source,
                List.of(),
                "no answer within " + bound.toMillis() + " ms (node or kubelet)"));
      } catch (ExecutionException e) {
        outcomes.add(new Outcome<>(source, List.of(), reason(e.getCause())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        futures.forEach(f -> f.cancel(true));
        throw new IllegalStateException("interrupted while reading logs", e);
      }
    }
    return outcomes;
  }

  /** The API server's status message, short; never a stack trace. */
  private static String reason(Throwable cause) {
    String text;
    if (cause instanceof KubernetesClientException k && k.getCode() > 0) {
      text =
          "HTTP " + k.getCode() + (k.getStatus() == null ? "" : ": " + k.getStatus().getMessage());
    } else {
      text = cause.getClass().getSimpleName();
    }
    return text.length() > MAX_REASON ? text.substring(0, MAX_REASON) + "..." : text;
  }

  @PreDestroy
  void stop() {
    readers.shutdownNow();
  }
}
