package dev.slipway.events;

import java.time.Instant;
import java.util.Map;

/**
 * A change of a team's quota (api-gateway, at once for a decrease, after approval for an increase):
 * {@code quota} is the whole quota wanted, per environment kind. {@code changeHash} binds it to the
 * quota it was reviewed against; environment-service refuses it when the quota has moved since, so
 * an approval applies exactly the change that was approved.
 */
public record TeamQuotaChangeRequested(
    String operationId,
    String team,
    Map<String, EnvironmentQuota> quota,
    String changeHash,
    Actor actor,
    Instant requestedAt)
    implements SlipwayEvent {

  @Override
  public String aggregateId() {
    return AggregateIds.team(team);
  }
}
