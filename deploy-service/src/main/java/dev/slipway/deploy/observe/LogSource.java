package dev.slipway.deploy.observe;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where container logs come from: the kubelet, through the API server's {@code pods/log}. An
 * interface because a test API server has no kubelet (docs/observability.md, "Testing").
 */
public interface LogSource {

  /**
   * The last {@code tailLines} lines of one container (since {@code since} when not null), each
   * with Kubernetes' timestamp before it, oldest first, at most {@code maxBytes}.
   */
  List<String> read(
      String namespace, String pod, String container, int tailLines, Instant since, int maxBytes);

  /**
   * Follows one container: the last {@code tailLines} lines, then each new one, to {@code lines}
   * (from another thread) until the stream is closed or the container's log ends ({@code ended}).
   */
  Following follow(
      String namespace,
      String pod,
      String container,
      int tailLines,
      Instant since,
      Consumer<String> lines,
      Runnable ended);

  /** An open follow; closing it stops reading and frees the connection. */
  interface Following extends AutoCloseable {
    @Override
    void close();
  }
}
