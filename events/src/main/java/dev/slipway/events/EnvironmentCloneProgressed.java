package dev.slipway.events;

import java.time.Instant;

/**
 * One app of a clone's source was deployed into the clone (deploy-service); {@code applied} of
 * {@code total} are done. Not terminal: {@link EnvironmentCloneCompleted} ends the operation.
 */
public record EnvironmentCloneProgressed(
    String operationId,
    String team,
    String environment,
    String app,
    int revision,
    int applied,
    int total,
    Instant progressedAt)
    implements OperationEvent {

  @Override
  public String aggregateId() {
    return AggregateIds.environment(team, environment);
  }
}
