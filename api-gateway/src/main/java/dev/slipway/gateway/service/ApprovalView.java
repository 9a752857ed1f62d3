package dev.slipway.gateway.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.events.EventCatalog;
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
    JsonNode costEstimate,
    JsonNode spec) {

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
        costEstimate(a.costEstimate),
        spec(a));
  }

  /**
   * The same request without the held spec: what goes to chat, which needs no more than the summary
   * and should not receive the app's configuration.
   */
  public ApprovalView withoutSpec() {
    return new ApprovalView(
        id,
        operationId,
        team,
        environment,
        action,
        target,
        planHash,
        requestedBy,
        state,
        decidedBy,
        channel,
        reason,
        createdAt,
        expiresAt,
        decidedAt,
        costEstimate,
        null);
  }

  /**
   * The app spec a held deploy will apply, so that an approver can ask for its plan (the diff
   * against what runs now) and compare its hash with {@code planHash}; null for other commands.
   * Secrets appear in a spec only as {@code secret://} references, never as values.
   */
  private static JsonNode spec(ApprovalRequest a) {
    if (!EventCatalog.DEPLOY_REQUESTED.ceType().equals(a.commandType)) {
      return null;
    }
    JsonNode spec = tree(a.command).path("spec");
    return spec.isObject() ? spec : null;
  }

  /** What the reviewed plan costs per month (cost-service's estimate), null when none was made. */
  private static JsonNode costEstimate(String json) {
    JsonNode estimate = json == null ? null : tree(json);
    return estimate == null || estimate.isMissingNode() ? null : estimate;
  }

  private static JsonNode tree(String json) {
    try {
      return EventJson.mapper().readTree(json);
    } catch (JsonProcessingException e) {
      return EventJson.mapper().missingNode();
    }
  }
}
