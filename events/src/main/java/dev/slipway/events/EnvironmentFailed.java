package dev.slipway.events;

import java.time.Instant;

/** An environment could not be created or cloned; nothing of it was left behind. */
public record EnvironmentFailed(
    String operationId, String team, String environment, String reason, Instant failedAt)
    implements OperationEvent {

  @Override
  public String aggregateId() {
    return AggregateIds.environment(team, environment);
  }

  @Override
  public boolean terminal() {
    return true;
  }
}
