package dev.slipway.audit.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.audit.domain.StoredRecord;
import java.time.Instant;

/** One audit record as the API shows it; the payload is the event's data as stored. */
public record AuditItem(
    long seq,
    String eventId,
    String type,
    String source,
    String subject,
    String team,
    String environment,
    String app,
    String operationId,
    String actor,
    Instant occurredAt,
    Instant recordedAt,
    JsonNode payload,
    String prevHash,
    String hash) {

  static AuditItem of(StoredRecord record) {
    var e = record.entry();
    return new AuditItem(
        record.seq(),
        e.eventId(),
        e.type(),
        e.source(),
        e.subject(),
        e.team(),
        e.environment(),
        e.app(),
        e.operationId(),
        e.actor(),
        e.occurredAt(),
        e.recordedAt(),
        e.payload(),
        record.prevHash(),
        record.hash());
  }
}
