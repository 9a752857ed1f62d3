package dev.slipway.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * deploy-service started a build (a Kubernetes Job, or a Shipwright BuildRun when the cluster has
 * Shipwright) that pushes {@code image}. The operation is BUILDING until BuildSucceeded or
 * DeployFailed.
 */
public record BuildStarted(
    String operationId,
    String team,
    String environment,
    String app,
    String buildId,
    String engine,
    String object,
    String gitRepo,
    @JsonInclude(JsonInclude.Include.NON_NULL) String revision,
    String image,
    Instant startedAt)
    implements OperationEvent {

  @Override
  public String aggregateId() {
    return AggregateIds.app(team, environment, app);
  }
}
