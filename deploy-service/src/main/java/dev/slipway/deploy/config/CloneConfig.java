package dev.slipway.deploy.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How a clone's apps are deployed ({@code slipway.clone.*}, ADR 0023). */
@ConfigMapping(prefix = "slipway.clone")
public interface CloneConfig {

  /**
   * Apps of one clone rendered, checked and applied at once. Each holds a worker thread and makes
   * about ten sequential API calls; more than the API server's spare capacity only queues there.
   */
  @WithDefault("8")
  int parallelism();

  /** Applied apps recorded per transaction (revisions, DeployCompleted, progress). */
  @WithDefault("10")
  int batchSize();
}
