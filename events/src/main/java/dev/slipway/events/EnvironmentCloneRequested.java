package dev.slipway.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * A client asked to copy an environment's configuration (never data, never production secret
 * values) into a new one; {@code environment} is the new one, {@code source} the original.
 */
public record EnvironmentCloneRequested(
    String operationId,
    String team,
    String source,
    String environment,
    EnvironmentKind kind,
    ObjectNode overrides,
    Actor requestedBy,
    Instant requestedAt)
    implements OperationEvent {

  @Override
  public String aggregateId() {
    return AggregateIds.environment(team, environment);
  }
}
