package dev.slipway.events;

import java.time.Instant;
import java.util.List;

/**
 * Every app of the source runs in the clone (deploy-service, after {@link EnvironmentCloned}); the
 * clone operation ends here. A clone whose apps cannot all be applied ends with {@link
 * EnvironmentFailed} instead.
 */
public record EnvironmentCloneCompleted(
    String operationId,
    String team,
    String source,
    String environment,
    List<String> apps,
    Instant completedAt)
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
