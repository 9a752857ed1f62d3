package dev.slipway.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the gateway takes in the owning services' results ({@code slipway.progress.*}). */
@ConfigMapping(prefix = "slipway.progress")
public interface ProgressConfig {

  /**
   * Results handled at once, each aggregate's (app, environment) in arrival order (KeyedLanes, ADR
   * 0022); bounded by the database pool. 1 handles one result at a time.
   */
  @WithDefault("16")
  int concurrentEvents();
}
