package dev.slipway.gateway.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.events.EventJson;
import dev.slipway.gateway.persistence.ApprovalRequest;
import java.time.Instant;
import java.util.UUID;

/** An approval request as clients see it at {@code /api/v1/approvals}. */
public record ApprovalView(
    UUID id,
    UUID operationId,
    String team,
    String environment,
    String action,
    String target,
    String planHash,
    String requestedBy,
    String state,
    String decidedBy,
    String channel,
    String reason,
    Instant createdAt,
    Instant expiresAt,
    Instant decidedAt,
    JsonNode costEstimate) {

  public static ApprovalView of(ApprovalRequest a) {
    return new ApprovalView(
        a.id,
        a.operationId,
        a.team,
        a.environment,
        a.action,
        a.target,
        a.planHash,
        a.requestedBy,
        a.state,
        a.decidedBy,
        a.channel,
        a.reason,
        a.createdAt,
        a.expiresAt,
        a.decidedAt,
        costEstimate(a.costEstimate));
  }

  /** What the reviewed plan costs per month (cost-service's estimate), null when none was made. */
  private static JsonNode costEstimate(String json) {
    if (json == null) {
      return null;
    }
    try {
      return EventJson.mapper().readTree(json);
    } catch (JsonProcessingException e) {
      return null;
    }
  }
}
