package dev.slipway.events;

import java.time.Instant;

/**
 * The rollout of an applied revision moved: {@code state} is PROGRESSING, READY or FAILED (the
 * progress deadline passed), {@code detail} says how far it got. The operation that applied the
 * revision shows it; a FAILED rollout fails that operation.
 */
public record DeployRolloutProgressed(
    String operationId,
    String team,
    String environment,
    String app,
    int revision,
    String state,
    String detail,
    Instant observedAt)
    implements OperationEvent {

  @Override
  public String aggregateId() {
    return AggregateIds.app(team, environment, app);
  }

  @Override
  public boolean terminal() {
    return "FAILED".equals(state);
  }
}
