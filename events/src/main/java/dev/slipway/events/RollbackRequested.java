package dev.slipway.events;

import java.time.Instant;

/**
 * A client asked to apply an earlier revision of an app again. deploy-service re-applies that
 * revision's stored manifests (after the current guard rails) as a new revision, and answers with
 * DeployCompleted or DeployFailed like any deploy.
 */
public record RollbackRequested(
    String operationId,
    String team,
    String environment,
    EnvironmentKind environmentKind,
    String app,
    int revision,
    Actor requestedBy,
    Instant requestedAt)
    implements OperationEvent {

  @Override
  public String aggregateId() {
    return AggregateIds.app(team, environment, app);
  }
}
