package dev.slipway.deploy.observe;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The log stream only, scripted: the test API server has no kubelet to serve {@code pods/log}
 * (docs/observability.md, "Testing"). Pods, ownership, filters, merging and streaming are the real
 * code paths; this answers the lines a kubelet would and records what it was asked. A test
 * alternative: it stands in for the kubelet in every {@code @QuarkusTest} of this module.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class ScriptedLogs implements LogSource {

  record Read(String namespace, String pod, String container, int tailLines, Instant since) {}

  final Map<String, List<String>> lines = new ConcurrentHashMap<>();
  final List<Read> reads = new CopyOnWriteArrayList<>();
  final List<String> followsOpen = new CopyOnWriteArrayList<>();
  final List<String> followsClosed = new CopyOnWriteArrayList<>();
  private final Map<String, Consumer<String>> live = new ConcurrentHashMap<>();

  // Accessors, not fields: the test holds a client proxy, whose own fields are not the bean's.
  List<Read> reads() {
    return reads;
  }

  List<String> followsOpen() {
    return followsOpen;
  }

  List<String> followsClosed() {
    return followsClosed;
  }

  void reset() {
    lines.clear();
    reads.clear();
    followsOpen.clear();
    followsClosed.clear();
    live.clear();
  }

  void script(String pod, String container, String... raw) {
    lines.put(pod + "/" + container, List.of(raw));
  }

  /** A new line written by a followed container. */
  void write(String pod, String container, String raw) {
    Consumer<String> sink = live.get(pod + "/" + container);
    if (sink != null) {
      sink.accept(raw);
    }
  }

  @Override
  public List<String> read(
      String namespace, String pod, String container, int tailLines, Instant since, int maxBytes) {
    reads.add(new Read(namespace, pod, container, tailLines, since));
    List<String> all = lines.getOrDefault(pod + "/" + container, List.of());
    return new ArrayList<>(all.subList(Math.max(0, all.size() - tailLines), all.size()));
  }

  @Override
  public Following follow(
      String namespace,
      String pod,
      String container,
      int tailLines,
      Instant since,
      Consumer<String> sink,
      Runnable ended) {
    String key = pod + "/" + container;
    read(namespace, pod, container, tailLines, since, 0).forEach(sink);
    live.put(key, sink);
    followsOpen.add(key);
    return () -> {
      live.remove(key);
      followsClosed.add(key);
    };
  }
}
