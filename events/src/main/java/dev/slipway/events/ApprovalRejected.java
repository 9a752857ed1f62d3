package dev.slipway.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A gated action will not happen: an approver rejected it, or nobody decided before it expired
 * ({@code decidedBy} is then {@code system/slipway} and {@code channel} {@code expiry}). Nothing of
 * the original command is ever published.
 */
public record ApprovalRejected(
    String approvalId,
    String operationId,
    String team,
    String environment,
    String action,
    String target,
    @JsonInclude(JsonInclude.Include.NON_NULL) String planHash,
    Actor requestedBy,
    Actor decidedBy,
    String channel,
    String reason,
    Instant decidedAt)
    implements SlipwayEvent {

  @Override
  public String aggregateId() {
    return AggregateIds.environment(team, environment);
  }
}
