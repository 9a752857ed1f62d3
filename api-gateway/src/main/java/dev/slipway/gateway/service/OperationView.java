package dev.slipway.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.events.EventJson;
import dev.slipway.gateway.domain.OperationState;
import dev.slipway.gateway.persistence.Operation;
import java.time.Instant;
import java.util.UUID;

/** An operation as clients see it at {@code /api/v1/operations/{id}}. */
public record OperationView(
    UUID id,
    String type,
    String team,
    String environment,
    String target,
    OperationState state,
    String detail,
    JsonNode errors,
    JsonNode result,
    String requestedBy,
    Instant createdAt,
    Instant updatedAt) {

  public static OperationView of(Operation op) {
    return new OperationView(
        op.id,
        op.type.name(),
        op.team,
        op.environment,
        op.target,
        op.state,
        op.detail,
        tree(op.errors),
        tree(op.result),
        op.requestedBy,
        op.createdAt,
        op.updatedAt);
  }

  private static JsonNode tree(String json) {
    try {
      return json == null ? null : EventJson.mapper().readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("stored operation JSON is invalid", e);
    }
  }
}
