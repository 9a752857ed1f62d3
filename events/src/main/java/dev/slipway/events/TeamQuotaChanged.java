package dev.slipway.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A team's quota changed (environment-service): the ResourceQuota of each environment named in
 * {@code environments} now has the new values of its kind.
 */
public record TeamQuotaChanged(
    String operationId,
    String team,
    Map<String, EnvironmentQuota> previous,
    Map<String, EnvironmentQuota> quota,
    List<String> environments,
    Actor actor,
    Instant changedAt)
    implements SlipwayEvent {

  @Override
  public String aggregateId() {
    return AggregateIds.team(team);
  }
}
