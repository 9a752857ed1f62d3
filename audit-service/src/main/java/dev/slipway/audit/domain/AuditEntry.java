package dev.slipway.audit.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * The content of one audit record: what the hash covers. Timestamps carry microseconds at most, the
 * precision PostgreSQL keeps, so a record read back hashes as it did when written.
 */
public record AuditEntry(
    String eventId,
    String type,
    String source,
    String subject,
    String team,
    String environment,
    String app,
    String operationId,
    String actor,
    JsonNode payload,
    Instant occurredAt,
    Instant recordedAt) {

  /**
   * The canonical JSON of the content; its key names are part of the chain's format. Written in
   * sorted key order straight to the generator (this runs for every record appended and verified).
   */
  public String canonical() {
    return new String(canonicalUtf8(), java.nio.charset.StandardCharsets.UTF_8);
  }

  /** {@link #canonical()} as UTF-8 bytes, what the hash covers. */
  public byte[] canonicalUtf8() {
    return CanonicalJson.utf8(
        json -> {
          json.writeStartObject();
          json.writeStringField("actor", actor);
          json.writeStringField("app", app);
          json.writeStringField("environment", environment);
          json.writeStringField("eventId", eventId);
          json.writeStringField("occurredAt", occurredAt.toString());
          json.writeStringField("operationId", operationId);
          json.writeFieldName("payload");
          CanonicalJson.write(payload, json);
          json.writeStringField("recordedAt", recordedAt.toString());
          json.writeStringField("source", source);
          json.writeStringField("subject", subject);
          json.writeStringField("team", team);
          json.writeStringField("type", type);
          json.writeEndObject();
        });
  }
}
