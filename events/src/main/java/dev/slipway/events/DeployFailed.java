package dev.slipway.events;

import java.time.Instant;
import java.util.List;

/** The deploy was not applied (nothing of it is left half-applied); the reason says why. */
public record DeployFailed(
    String operationId,
    String team,
    String environment,
    String app,
    String reason,
    List<FieldError> errors,
    Instant failedAt)
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
