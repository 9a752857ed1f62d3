package dev.slipway.events;

import java.time.Instant;

/** A client asked to tear an environment down: its apps, secrets and namespace. */
public record EnvironmentDeleteRequested(
    String operationId, String team, String environment, Actor requestedBy, Instant requestedAt)
    implements OperationEvent {

  @Override
  public String aggregateId() {
    return AggregateIds.environment(team, environment);
  }
}
