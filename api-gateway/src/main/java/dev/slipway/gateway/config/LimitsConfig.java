package dev.slipway.gateway.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;

/** Request limits of the gateway (docs/access.md, "Limits"). */
@ConfigMapping(prefix = "slipway.limits")
public interface LimitsConfig {

  /** Bodies larger than this answer 413 before anything reads them. */
  @WithDefault("2M")
  MemorySize maxBodySize();

  /**
   * The one larger limit: a cloud bill uploaded to {@code POST /api/v1/platform/costs/bills/*},
   * streamed to cost-service (which holds its own, equal limit: {@code
   * slipway.cost.bills.max-size}).
   */
  @WithDefault("32M")
  MemorySize billMaxBodySize();

  /** JSON bodies nested deeper than this answer 400 before anything parses them. */
  @WithDefault("32")
  int maxJsonDepth();

  /** Requests per second per user, and the burst a user may spend at once. */
  @WithDefault("20")
  double userRate();

  @WithDefault("60")
  int userBurst();

  /** Requests per second per team (all its members together), and its burst. */
  @WithDefault("100")
  double teamRate();

  @WithDefault("300")
  int teamBurst();

  /** Per-user overrides ({@code slipway.limits.users."ci-bot".burst=500}). */
  Map<String, Bucket> users();

  /** Per-team overrides. */
  Map<String, Bucket> teams();

  interface Bucket {
    double rate();

    int burst();
  }
}
