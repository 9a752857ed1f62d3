package dev.slipway.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A gated action waits for a tech lead of the team or a platform admin: a developer's production
 * deploy (bound to {@code planHash}, the plan the approver sees and the only one that will be
 * applied), a production environment's deletion. {@code action} is the access policy's name ({@code
 * app.deploy}, {@code environment.delete}); {@code target} the app or environment.
 */
public record ApprovalRequested(
    String approvalId,
    String operationId,
    String team,
    String environment,
    String action,
    String target,
    @JsonInclude(JsonInclude.Include.NON_NULL) String planHash,
    Actor requestedBy,
    String channel,
    Instant requestedAt,
    Instant expiresAt)
    implements SlipwayEvent {

  @Override
  public String aggregateId() {
    return AggregateIds.environment(team, environment);
  }
}
