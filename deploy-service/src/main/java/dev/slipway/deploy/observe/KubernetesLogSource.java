package dev.slipway.deploy.observe;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import io.fabric8.kubernetes.client.dsl.Loggable;
import io.fabric8.kubernetes.client.dsl.TimeTailPrettyLoggable;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** Container logs from {@code pods/log} (fabric8). Blocking: call off the event loop. */
@ApplicationScoped
public class KubernetesLogSource implements LogSource {

  private final KubernetesClient client;

  /** Follows whose stream is open now: each holds a connection to the API server. */
  private final AtomicInteger openFollows = new AtomicInteger();

  public KubernetesLogSource(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public List<String> read(
      String namespace, String pod, String container, int tailLines, Instant since, int maxBytes) {
    String log = window(namespace, pod, container, tailLines, since, maxBytes).getLog();
    return log == null || log.isEmpty() ? List.of() : log.lines().toList();
  }

  /**
   * fabric8 writes the stream into a line splitter from its own I/O thread, so no thread of ours
   * blocks on a stream that a close might not wake; the watch's close (ours, or the stream's end)
   * ends the follow.
   */
  @Override
  public Following follow(
      String namespace,
      String pod,
      String container,
      int tailLines,
      Instant since,
      Consumer<String> lines,
      Runnable ended) {
    Lines sink = new Lines(lines);
    LogWatch watch = window(namespace, pod, container, tailLines, since, 0).watchLog(sink);
    openFollows.incrementAndGet();
    watch
        .onClose()
        .whenComplete(
            (cause, error) -> {
              openFollows.decrementAndGet();
              ended.run();
            });
    return watch::close;
  }

  /** How many follows hold a stream open now. */
  public int openFollows() {
    return openFollows.get();
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

  /** Bytes in, one UTF-8 line out per newline. */
  private static final class Lines extends OutputStream {
    private final Consumer<String> lines;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    Lines(Consumer<String> lines) {
      this.lines = lines;
    }

    @Override
    public synchronized void write(int b) {
      if (b == '\n') {
        String line = pending.toString(StandardCharsets.UTF_8);
        pending.reset();
        lines.accept(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
      } else {
        pending.write(b);
      }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
      for (int i = offset; i < offset + length; i++) {
        write(bytes[i]);
      }
    }
  }
}
