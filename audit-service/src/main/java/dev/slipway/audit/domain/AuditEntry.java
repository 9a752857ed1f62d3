package dev.slipway.audit.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

  /** The canonical JSON of the content; its key names are part of the chain's format. */
  public String canonical() {
    ObjectNode content = JsonNodeFactory.instance.objectNode();
    content.put("eventId", eventId);
    content.put("type", type);
    content.put("source", source);
    content.put("subject", subject);
    content.put("team", team);
    content.put("environment", environment);
    content.put("app", app);
    content.put("operationId", operationId);
    content.put("actor", actor);
    content.set("payload", payload);
    content.put("occurredAt", occurredAt.toString());
    content.put("recordedAt", recordedAt.toString());
    return CanonicalJson.write(content);
  }
}
