package dev.slipway.audit.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A CloudEvent as the audit log received it, of any type, known to the event catalog or not.
 *
 * @param time the CloudEvents time, else the Kafka record's timestamp
 */
public record ReceivedEvent(
    String id, String type, String source, String subject, String data, Instant time) {

  /** What the audit log stores of it; team, environment and app fall back on the subject. */
  public AuditEntry toEntry(Instant recordedAt) {
    JsonNode payload = Payloads.parse(data);
    Subject parts = Subject.parse(subject);
    return new AuditEntry(
        id,
        type,
        source,
        subject,
        text(payload, "team", parts.team()),
        text(payload, "environment", parts.environment()),
        text(payload, "app", parts.app()),
        text(payload, "operationId", null),
        text(payload.path("requestedBy"), "username", null),
        payload,
        micros(time != null ? time : recordedAt),
        micros(recordedAt));
  }

  private static String text(JsonNode node, String field, String fallback) {
    JsonNode value = node.get(field);
    return value != null && value.isTextual() && !value.asText().isBlank()
        ? value.asText()
        : fallback;
  }

  private static Instant micros(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS);
  }

  /** The CloudEvents subject of Slipway events: the aggregate id {@code team/env[/app]}. */
  record Subject(String team, String environment, String app) {
    static Subject parse(String subject) {
      if (subject == null || subject.isBlank()) {
        return new Subject(null, null, null);
      }
      String[] parts = subject.split("/", -1);
      return new Subject(part(parts, 0), part(parts, 1), part(parts, 2));
    }

    private static String part(String[] parts, int i) {
      return i < parts.length && !parts[i].isBlank() ? parts[i] : null;
    }
  }
}
