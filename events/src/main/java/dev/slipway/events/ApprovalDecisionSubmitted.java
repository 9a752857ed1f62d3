package dev.slipway.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A decision on an approval request from a producer outside Slipway (a ChatOps bot, a change
 * management tool), published on {@code slipway.approval}. The gateway acts on it only when the
 * CloudEvent is signed by a configured producer (extension {@code slipwaysig}) and {@code user} is
 * one of that producer's mapped users; it then records an ApprovalGranted or ApprovalRejected with
 * channel {@code event}.
 */
public record ApprovalDecisionSubmitted(
    String approvalId,
    String team,
    String environment,
    Decision decision,
    String user,
    @JsonInclude(JsonInclude.Include.NON_NULL) String reason,
    Instant decidedAt)
    implements SlipwayEvent {

  /** What the producer's user decided. */
  public enum Decision {
    APPROVE,
    REJECT
  }

  @Override
  public String aggregateId() {
    return AggregateIds.environment(team, environment);
  }
}
