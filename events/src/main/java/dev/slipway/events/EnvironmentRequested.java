package dev.slipway.events;

import java.time.Instant;

/** A client asked for a new environment of a team. */
public record EnvironmentRequested(
    String operationId,
    String team,
    String environment,
    EnvironmentKind kind,
    Actor requestedBy,
    Instant requestedAt)
    implements OperationEvent {

  @Override
  public String aggregateId() {
    return AggregateIds.environment(team, environment);
  }
}
