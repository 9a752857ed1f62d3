package dev.slipway.audit.domain;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Audit records as CSV rows or JSON lines, for export to other tools. */
public final class AuditExport {

  public static final String CSV_HEADER =
      "seq,event_id,type,source,subject,team,environment,app,operation_id,actor,occurred_at,"
          + "recorded_at,prev_hash,hash,payload";

  private AuditExport() {}

  /** RFC 4180: every field quoted, quotes doubled; the payload is its JSON text. */
  public static String csvRow(StoredRecord record) {
    AuditEntry e = record.entry();
    return String.join(
            ",",
            Long.toString(record.seq()),
            quote(e.eventId()),
            quote(e.type()),
            quote(e.source()),
            quote(e.subject()),
            quote(e.team()),
            quote(e.environment()),
            quote(e.app()),
            quote(e.operationId()),
            quote(e.actor()),
            quote(e.occurredAt().toString()),
            quote(e.recordedAt().toString()),
            quote(record.prevHash()),
            quote(record.hash()),
            quote(e.payload() == null ? null : e.payload().toString()))
        + "\r\n";
  }

  /** One JSON object per line: the record's content, its seq and its chain links. */
  public static String jsonLine(StoredRecord record) {
    AuditEntry e = record.entry();
    ObjectNode line = JsonNodeFactory.instance.objectNode();
    line.put("seq", record.seq());
    line.put("eventId", e.eventId());
    line.put("type", e.type());
    line.put("source", e.source());
    line.put("subject", e.subject());
    line.put("team", e.team());
    line.put("environment", e.environment());
    line.put("app", e.app());
    line.put("operationId", e.operationId());
    line.put("actor", e.actor());
    line.put("occurredAt", e.occurredAt().toString());
    line.put("recordedAt", e.recordedAt().toString());
    line.put("prevHash", record.prevHash());
    line.put("hash", record.hash());
    line.set("payload", e.payload());
    return line.toString() + "\n";
  }

  private static String quote(String value) {
    return value == null ? "" : "\"" + value.replace("\"", "\"\"") + "\"";
  }
}
