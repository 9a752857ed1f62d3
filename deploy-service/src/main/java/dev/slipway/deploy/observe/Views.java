package dev.slipway.deploy.observe;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/** What the observability routes answer. */
public final class Views {

  private Views() {}

  /** One log line; {@code line} is the message with its {@code pod/container} prefix. */
  public record LogLineView(
      Instant time, String pod, String container, String message, String line) {
    static LogLineView of(LogLine l) {
      return new LogLineView(
          l.time(), l.pod(), l.container(), l.message(), l.source() + " " + l.message());
    }
  }

  /**
   * The containers read ({@code pod/container}) and their lines merged, oldest first; {@code
   * unavailable}: the containers that did not answer in time or answered an error, so their lines
   * are missing (a partial answer rather than none).
   */
  public record LogsView(
      List<String> sources, List<LogLineView> lines, List<UnavailableSource> unavailable) {}

  /** A container whose log could not be read, and why. */
  public record UnavailableSource(String source, String reason) {}

  /** A Kubernetes event about one of the app's objects. */
  public record EventView(
      String type,
      String reason,
      String message,
      String object,
      int count,
      Instant firstTime,
      Instant lastTime,
      String source) {

    static EventView of(Event e) {
      Instant first = instant(e.getFirstTimestamp());
      Instant last = instant(e.getLastTimestamp());
      if (last == null && e.getSeries() != null && e.getSeries().getLastObservedTime() != null) {
        last = instant(e.getSeries().getLastObservedTime().getTime());
      }
      if (last == null && e.getEventTime() != null) {
        last = instant(e.getEventTime().getTime());
      }
      if (last == null) {
        last = instant(e.getMetadata().getCreationTimestamp());
      }
      int count = e.getCount() != null ? e.getCount() : 1;
      if (e.getSeries() != null && e.getSeries().getCount() != null) {
        count = Math.max(count, e.getSeries().getCount());
      }
      String source =
          e.getReportingComponent() != null && !e.getReportingComponent().isEmpty()
              ? e.getReportingComponent()
              : e.getSource() == null ? null : e.getSource().getComponent();
      return new EventView(
          e.getType(),
          e.getReason(),
          e.getMessage(),
          e.getInvolvedObject().getKind() + "/" + e.getInvolvedObject().getName(),
          count,
          first == null ? last : first,
          last,
          source);
    }

    private static Instant instant(String time) {
      if (time == null || time.isEmpty()) {
        return null;
      }
      try {
        return Instant.parse(time);
      } catch (DateTimeParseException e) {
        return null;
      }
    }
  }

  public record EventsView(List<EventView> items) {}

  /** CPU and memory per pod from the metrics API, or why there are none. */
  public record ResourceUsage(boolean available, String reason, List<PodUsage> pods) {
    static ResourceUsage unavailable(String reason) {
      return new ResourceUsage(false, reason, List.of());
    }
  }

  public record PodUsage(String pod, long cpuMillicores, long memoryBytes, String timestamp) {
    static PodUsage of(PodMetrics m) {
      BigDecimal cpu = BigDecimal.ZERO;
      BigDecimal memory = BigDecimal.ZERO;
      for (var container : m.getContainers()) {
        cpu = cpu.add(amount(container.getUsage().get("cpu")));
        memory = memory.add(amount(container.getUsage().get("memory")));
      }
      return new PodUsage(
          m.getMetadata().getName(),
          cpu.movePointRight(3).longValue(),
          memory.longValue(),
          m.getTimestamp());
    }

    private static BigDecimal amount(Quantity q) {
      return q == null ? BigDecimal.ZERO : q.getNumericalAmount();
    }
  }

  public record MetricsView(ResourceUsage resources, PrometheusClient.Traffic traffic) {}

  /** The app's trace search, or why there is none. */
  public record TraceLink(boolean configured, String url) {}
}
