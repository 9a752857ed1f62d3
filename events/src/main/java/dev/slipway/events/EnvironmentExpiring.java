package dev.slipway.events;

import java.time.Instant;

/**
 * A non-production environment has been idle so long that it will be deleted at {@code expiresAt}
 * unless someone uses it, or a tech lead pins or extends it (environment-service).
 */
public record EnvironmentExpiring(
    String team, String environment, Instant lastActivityAt, Instant expiresAt, Instant warnedAt)
    implements SlipwayEvent {

  @Override
  public String aggregateId() {
    return AggregateIds.environment(team, environment);
  }
}
