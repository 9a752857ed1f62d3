package dev.slipway.environment.service;

import dev.slipway.environment.domain.EnvironmentSpec;
import dev.slipway.environment.domain.Provisioning;

/** The Kubernetes side of an environment, as the use cases need it. Calls block. */
public interface EnvironmentCluster {

  /**
   * Makes (or converges) every object of the environment.
   *
   * @throws dev.slipway.kit.inbox.EventHandling.TransientFailure when the API server is unreachable
   */
  Provisioning provision(EnvironmentSpec spec);
}
