package dev.slipway.audit.domain;

import java.time.Instant;
import java.util.Locale;

/**
 * One change in an environment's timeline: what kind of change (from the event type's aggregate and
 * fact), when, by whom, on which app.
 */
public record TimelineEntry(
    Instant at,
    String category,
    String fact,
    String app,
    String actor,
    String operationId,
    String type,
    long seq) {

  /**
   * {@code dev.slipway.deploy.completed.v1} is category {@code deploy}, fact {@code completed};
   * approvals are told apart from the deploy they decide ({@code deploy.approved}, {@code
   * approval.*}).
   */
  public static TimelineEntry of(StoredRecord record) {
    AuditEntry e = record.entry();
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
        record.seq());
  }
}
