package dev.slipway.events;

import java.time.Instant;

/** The environment's namespace, quota, limits and network policy exist. */
public record EnvironmentCreated(
    String operationId,
    String team,
    String environment,
    EnvironmentKind kind,
    String namespace,
    Instant createdAt)
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
