package dev.slipway.environment.service;

import dev.slipway.environment.domain.EnvironmentSpec;
import dev.slipway.environment.domain.Provisioning;
import dev.slipway.environment.domain.Teardown;
import dev.slipway.events.EnvironmentKind;
import dev.slipway.events.EnvironmentQuota;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The Kubernetes side of an environment, as the use cases need it. Calls block. */
public interface EnvironmentCluster {

  /**
   * Makes (or converges) every object of the environment, its ResourceQuota from {@code quota}.
   *
   * @throws dev.slipway.kit.inbox.EventHandling.TransientFailure when the API server is unreachable
   */
  Provisioning provision(EnvironmentSpec spec, EnvironmentQuota quota);

  /**
   * Sets the ResourceQuota of each environment to its kind's value in {@code quota}: all of them
   * or, when the API server refuses one, none (those already changed are restored).
   *
   * @return the reason, when refused
   */
  Optional<String> applyQuotas(
      List<EnvironmentSpec> environments, Map<EnvironmentKind, EnvironmentQuota> quota);

  /**
   * Makes the clone's objects, with the quota the source has now (live, so a quota a team changed
   * is copied too). Refused when the source's namespace is missing or not Slipway's.
   */
  Provisioning provisionClone(EnvironmentSpec clone, EnvironmentSpec source);

  /**
   * Deletes the environment's namespace, if it is Slipway's and this environment's, and waits until
   * the API server has removed it and everything in it. A namespace already gone is removed.
   *
   * @throws dev.slipway.kit.inbox.EventHandling.TransientFailure when the API server is unreachable
   */
  Teardown teardown(EnvironmentSpec spec);
}
