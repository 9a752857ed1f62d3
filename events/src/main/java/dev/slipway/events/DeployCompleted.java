package dev.slipway.events;

import java.time.Instant;
import java.util.List;

/** Every manifest of the app was applied; {@code revision} numbers the app's history. */
public record DeployCompleted(
    String operationId,
    String team,
    String environment,
    String app,
    int revision,
    List<AppliedResource> resources,
    Instant completedAt)
    implements OperationEvent {

  @Override
  public String aggregateId() {
    return AggregateIds.app(team, environment, app);
  }

  @Override
  public boolean terminal() {
    return true;
  }
}
