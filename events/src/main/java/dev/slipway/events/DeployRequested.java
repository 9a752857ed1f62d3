package dev.slipway.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * A client asked to deploy an app spec (already validated by the gateway) into an environment.
 * {@code planHash}, optional, is the hash of a plan the client reviewed: deploy-service applies
 * only if the fresh plan hashes the same (added within v1: absent in older events, omitted when
 * null).
 */
public record DeployRequested(
    String operationId,
    String team,
    String environment,
    EnvironmentKind environmentKind,
    String app,
    ObjectNode spec,
    Actor requestedBy,
    Instant requestedAt,
    @JsonInclude(JsonInclude.Include.NON_NULL) String planHash)
    implements OperationEvent {

  /** A deploy without a reviewed plan. */
  public DeployRequested(
      String operationId,
      String team,
      String environment,
      EnvironmentKind environmentKind,
      String app,
      ObjectNode spec,
      Actor requestedBy,
      Instant requestedAt) {
    this(
        operationId, team, environment, environmentKind, app, spec, requestedBy, requestedAt, null);
  }

  @Override
  public String aggregateId() {
    return AggregateIds.app(team, environment, app);
  }
}
