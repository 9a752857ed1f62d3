package dev.slipway.audit.domain;

import java.time.Instant;
import java.util.Locale;

/**
 * One change in an environment's timeline: what kind of change (from the event type's aggregate and
 * fact), when, by whom, on which app; for a Kubernetes warning, its reason and message (detail).
 */
public record TimelineEntry(
    Instant at,
    String category,
    String fact,
    String app,
    String actor,
    String operationId,
    String type,
    long seq,
    String detail) {

  /** Records of this type are Kubernetes Warning Events (see the kubernetes package). */
  public static final String KUBERNETES_WARNING = "io.k8s.event.warning";

  /**
   * {@code dev.slipway.deploy.completed.v1} is category {@code deploy}, fact {@code completed};
   * approvals are told apart from the deploy they decide ({@code deploy.approved}, {@code
   * approval.*}).
   */
  public static TimelineEntry of(StoredRecord record) {
    AuditEntry e = record.entry();
    if (KUBERNETES_WARNING.equals(e.type())) {
      // category kubernetes, fact the Event's reason (BackOff, FailedScheduling...), its message.
      return new TimelineEntry(
          e.occurredAt(),
          "kubernetes",
          e.payload().path("reason").asText(null),
          e.app(),
          null,
          null,
          e.type(),
          record.seq(),
          e.payload().path("message").asText(null));
    }
    String category = "other";
    String fact = e.type();
    String[] parts = e.type() == null ? new String[0] : e.type().split("\\.");
    if (parts.length >= 4 && "dev".equals(parts[0]) && "slipway".equals(parts[1])) {
      category = parts[2];
      fact = parts[3];
      if (fact.toLowerCase(Locale.ROOT).contains("approv") || fact.contains("reject")) {
        category = "approval";
      }
    }
    return new TimelineEntry(
        e.occurredAt(),
        category,
        fact,
        e.app(),
        e.actor(),
        e.operationId(),
        e.type(),
        record.seq(),
        null);
  }
}
