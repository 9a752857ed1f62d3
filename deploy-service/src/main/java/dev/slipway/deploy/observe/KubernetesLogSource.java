package dev.slipway.deploy.observe;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import io.fabric8.kubernetes.client.dsl.Loggable;
import io.fabric8.kubernetes.client.dsl.TimeTailPrettyLoggable;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/** Container logs from {@code pods/log} (fabric8). Blocking: call off the event loop. */
@ApplicationScoped
public class KubernetesLogSource implements LogSource {

  private final KubernetesClient client;

  /** One reader thread per followed container; follows are bounded in number and in time. */
  private final ExecutorService readers =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "slipway-log-follow");
            t.setDaemon(true);
            return t;
          });

  public KubernetesLogSource(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public List<String> read(
      String namespace, String pod, String container, int tailLines, Instant since, int maxBytes) {
    String log = window(namespace, pod, container, tailLines, since, maxBytes).getLog();
    return log == null || log.isEmpty() ? List.of() : log.lines().toList();
  }

  @Override
  public Following follow(
      String namespace,
      String pod,
      String container,
      int tailLines,
      Instant since,
      Consumer<String> lines,
      Runnable ended) {
    LogWatch watch = window(namespace, pod, container, tailLines, since, 0).watchLog();
    readers.execute(
        () -> {
          try (var reader =
              new BufferedReader(
                  new InputStreamReader(watch.getOutput(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
              lines.accept(line);
            }
          } catch (IOException | UncheckedIOException closed) {
            // closed by the client going away, or by the end of the stream's time
          } finally {
            ended.run();
          }
        });
    return watch::close;
  }

  private Loggable window(
      String namespace, String pod, String container, int tailLines, Instant since, int maxBytes) {
    var logs = client.pods().inNamespace(namespace).withName(pod).inContainer(container);
    var stamped = logs.usingTimestamps();
    TimeTailPrettyLoggable limited = maxBytes > 0 ? stamped.limitBytes(maxBytes) : stamped;
    return since == null
        ? limited.tailingLines(tailLines)
        : limited.sinceTime(since.toString()).tailingLines(tailLines);
  }

  @PreDestroy
  void stop() {
    readers.shutdownNow();
  }
}
