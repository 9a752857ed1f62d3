package dev.slipway.gateway.service;

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
    Instant decidedAt) {

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
        a.decidedAt);
  }
}
