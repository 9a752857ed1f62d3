package dev.slipway.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One record appended to the audit log, normalized (who, what, where, when) and with its place in
 * the hash chain, for subscribers of {@code slipway.audit}. The original event's data stays in the
 * log ({@code GET /api/v1/audit?operationId=...}). Fields the original event did not carry are
 * absent; {@code team} is empty for records that belong to no team.
 */
public record AuditRecorded(
    long seq,
    String eventId,
    String type,
    @JsonInclude(JsonInclude.Include.NON_NULL) String source,
    @JsonInclude(JsonInclude.Include.NON_NULL) String subject,
    String team,
    @JsonInclude(JsonInclude.Include.NON_NULL) String environment,
    @JsonInclude(JsonInclude.Include.NON_NULL) String app,
    @JsonInclude(JsonInclude.Include.NON_NULL) String operationId,
    @JsonInclude(JsonInclude.Include.NON_NULL) String actor,
    Instant occurredAt,
    Instant recordedAt,
    String prevHash,
    String hash)
    implements SlipwayEvent {

  /**
   * One key for the whole log: every record lands on one partition, in chain order, so a subscriber
   * can check the chain as it reads.
   */
  public static final String KEY = "audit-log";

  @Override
  public String aggregateId() {
    return KEY;
  }
}
