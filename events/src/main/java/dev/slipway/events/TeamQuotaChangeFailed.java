package dev.slipway.events;

import java.time.Instant;

/** A team's quota change was refused or could not be applied; nothing of it took effect. */
public record TeamQuotaChangeFailed(
    String operationId, String team, String reason, Instant failedAt) implements SlipwayEvent {

  @Override
  public String aggregateId() {
    return AggregateIds.team(team);
  }
}
