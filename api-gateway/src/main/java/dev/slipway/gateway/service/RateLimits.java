package dev.slipway.gateway.service;

import dev.slipway.gateway.config.LimitsConfig;
import dev.slipway.gateway.domain.TokenBuckets;
import dev.slipway.kit.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Per-user and per-team rate limits (token buckets in memory, per replica; docs/access.md). A
 * team's bucket is only spent by its members (and admins), so nobody exhausts another team's.
 */
@ApplicationScoped
public class RateLimits {

  private final LimitsConfig limits;
  private final TokenBuckets buckets = new TokenBuckets(System::nanoTime);

  public RateLimits(LimitsConfig limits) {
    this.limits = limits;
  }

  /** 0 to go on; otherwise the seconds the caller should wait (Retry-After). */
  public long retryAfter(Caller caller, String team) {
    String user = caller.username();
    var userBucket = limits.users().get(user);
    long wait =
        buckets.take(
            "user:" + caller.subject(),
            userBucket != null ? userBucket.rate() : limits.userRate(),
            userBucket != null ? userBucket.burst() : limits.userBurst());
    if (wait > 0 || team == null || !caller.canSee(team)) {
      return wait;
    }
    var teamBucket = limits.teams().get(team);
    return buckets.take(
        "team:" + team,
        teamBucket != null ? teamBucket.rate() : limits.teamRate(),
        teamBucket != null ? teamBucket.burst() : limits.teamBurst());
  }
}
