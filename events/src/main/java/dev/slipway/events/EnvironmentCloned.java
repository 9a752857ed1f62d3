package dev.slipway.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * The clone's namespace exists; deploy-service now deploys the source's apps into it and
 * secret-service re-creates the secret references.
 */
public record EnvironmentCloned(
    String operationId,
    String team,
    String source,
    String environment,
    EnvironmentKind kind,
    String namespace,
    ObjectNode overrides,
    Instant clonedAt)
    implements OperationEvent {

  @Override
  public String aggregateId() {
    return AggregateIds.environment(team, environment);
  }
}
