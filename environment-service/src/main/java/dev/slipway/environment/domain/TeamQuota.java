package dev.slipway.environment.domain;

import dev.slipway.events.EnvironmentKind;
import dev.slipway.events.EnvironmentQuota;
import java.time.Instant;
import java.util.Map;

/**
 * The quota in force for each kind of a team's environments: the team's own values where a tech
 * lead set them, the platform's defaults elsewhere. {@code changedBy}/{@code changedAt} are null
 * for a team that never changed it.
 */
public record TeamQuota(
    String team,
    Map<EnvironmentKind, EnvironmentQuota> kinds,
    String changedBy,
    Instant changedAt) {}
