package dev.slipway.audit.kubernetes.model;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.audit.domain.ReceivedEvent;
import dev.slipway.audit.domain.TimelineEntry;
import dev.slipway.kit.kubernetes.Labels;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Namespace;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A Kubernetes Warning Event of one of Slipway's namespaces as an audit record: placed by the
 * namespace's team and environment labels, identified by the Event's uid and count, so the same
 * occurrence seen twice (a relist, another replica) is stored once and each repetition once more.
 */
public final class WarningEvents {

  /** The record type of Kubernetes warnings in the log (not a Slipway event type). */
  public static final String TYPE = TimelineEntry.KUBERNETES_WARNING;

  /** Kinds Slipway names after the app they belong to. */
  private static final Set<String> APP_KINDS =
      Set.of(
          "Deployment",
          "Service",
          "HorizontalPodAutoscaler",
          "CronJob",
          "Job",
          "Ingress",
          "PodDisruptionBudget");

  private WarningEvents() {}

  /** The namespace's team and environment, when Slipway manages it. */
  public record Place(String team, String environment) {
    public static Optional<Place> of(Namespace namespace) {
      Map<String, String> labels = namespace.getMetadata().getLabels();
      if (labels == null
          || !Labels.MANAGED_BY_VALUE.equals(labels.get(Labels.MANAGED_BY))
          || blank(labels.get(Labels.TEAM))
          || blank(labels.get(Labels.ENVIRONMENT))) {
        return Optional.empty();
      }
      return Optional.of(new Place(labels.get(Labels.TEAM), labels.get(Labels.ENVIRONMENT)));
    }
  }

  public static boolean isWarning(Event event) {
    return "Warning".equals(event.getType());
  }

  public static ReceivedEvent received(Event event, Place place) {
    long count = count(event);
    var involved = event.getInvolvedObject();
    String app =
        involved != null && APP_KINDS.contains(involved.getKind()) ? involved.getName() : null;
    ObjectNode data = JsonNodeFactory.instance.objectNode();
    data.put("team", place.team());
    data.put("environment", place.environment());
    if (app != null) {
      data.put("app", app);
    }
    data.put("namespace", event.getMetadata().getNamespace());
    data.put("reason", event.getReason());
    data.put("message", event.getMessage());
    data.put("count", count);
    if (involved != null) {
      data.putObject("involvedObject")
          .put("kind", involved.getKind())
          .put("name", involved.getName());
    }
    String subject = place.team() + "/" + place.environment() + (app == null ? "" : "/" + app);
    return new ReceivedEvent(
        "k8s-event/" + event.getMetadata().getUid() + "/" + count,
        TYPE,
        "/kubernetes/" + component(event),
        subject,
        data.toString(),
        time(event));
  }

  /** Repetitions: {@code series.count} (events.k8s.io style) or the legacy {@code count}. */
  private static long count(Event event) {
    if (event.getSeries() != null && event.getSeries().getCount() != null) {
      return event.getSeries().getCount();
    }
    return event.getCount() != null ? event.getCount() : 1;
  }

  private static String component(Event event) {
    if (!blank(event.getReportingComponent())) {
      return event.getReportingComponent();
    }
    if (event.getSource() != null && !blank(event.getSource().getComponent())) {
      return event.getSource().getComponent();
    }
    return "unknown";
  }

  /** When it last happened: lastTimestamp, the series' last observation, eventTime, creation. */
  private static Instant time(Event event) {
    for (String t :
        new String[] {
          event.getLastTimestamp(),
          event.getSeries() == null || event.getSeries().getLastObservedTime() == null
              ? null
              : event.getSeries().getLastObservedTime().getTime(),
          event.getEventTime() == null ? null : event.getEventTime().getTime(),
          event.getFirstTimestamp(),
          event.getMetadata().getCreationTimestamp()
        }) {
      if (!blank(t)) {
        return Instant.parse(t);
      }
    }
    return null;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
