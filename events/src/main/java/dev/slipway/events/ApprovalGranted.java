package dev.slipway.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * An approver let a gated action go ahead; the gateway publishes the original command (with the
 * plan hash) in the same transaction. {@code channel}: {@code api}, {@code chat} or {@code event}.
 */
public record ApprovalGranted(
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
    Instant decidedAt)
    implements SlipwayEvent {

  @Override
  public String aggregateId() {
    return AggregateIds.environment(team, environment);
  }
}
