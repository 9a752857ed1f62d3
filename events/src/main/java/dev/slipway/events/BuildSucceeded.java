package dev.slipway.events;

import java.time.Instant;

/**
 * A build pushed its image; {@code image} names it by digest when the build reported one (else by
 * the tag it pushed). The deploy of that image follows in the same operation (DEPLOYING).
 */
public record BuildSucceeded(
    String operationId,
    String team,
    String environment,
    String app,
    String buildId,
    String image,
    Instant finishedAt)
    implements OperationEvent {

  @Override
  public String aggregateId() {
    return AggregateIds.app(team, environment, app);
  }
}
