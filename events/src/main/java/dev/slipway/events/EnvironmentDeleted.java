package dev.slipway.events;

import java.time.Instant;
import java.util.List;

/**
 * The environment's namespace is gone, and everything in it. {@code removed} names what Slipway had
 * made there ({@code Kind/name}, and {@code App/name} for each app deploy-service had deployed).
 * deploy-service and secret-service drop their rows for the environment on this event.
 */
public record EnvironmentDeleted(
    String operationId,
    String team,
    String environment,
    String namespace,
    List<String> removed,
    Instant deletedAt)
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
