package dev.slipway.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** A client asked to deploy an app spec (already validated by the gateway) into an environment. */
public record DeployRequested(
    String operationId,
    String team,
    String environment,
    EnvironmentKind environmentKind,
    String app,
    ObjectNode spec,
    Actor requestedBy,
    Instant requestedAt)
    implements OperationEvent {

  @Override
  public String aggregateId() {
    return AggregateIds.app(team, environment, app);
  }
}
