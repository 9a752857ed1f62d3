package dev.slipway.environment.service;

import dev.slipway.environment.domain.TeamQuota;
import dev.slipway.events.EnvironmentKind;
import dev.slipway.events.EnvironmentQuota;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.Map;

/** Teams' own quotas; every call runs in the caller's session or transaction. */
public interface TeamQuotaStore {

  /** The kinds the team set itself (possibly none), and who last changed them. */
  Uni<TeamQuota> find(String team);

  /** Stores every kind given as the team's own. */
  Uni<Void> save(
      String team, Map<EnvironmentKind, EnvironmentQuota> quota, String changedBy, Instant at);
}
