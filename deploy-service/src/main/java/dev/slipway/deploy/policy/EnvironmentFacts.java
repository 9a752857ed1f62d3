package dev.slipway.deploy.policy;

import java.util.List;
import java.util.Map;

/**
 * What the rules know of the target environment: its kind, the registries images may come from
 * (empty: any), and its ResourceQuota's hard limits in millicores and bytes (empty: no quota).
 */
public record EnvironmentFacts(
    String kind, String namespace, List<String> allowedRegistries, Map<String, Long> quota) {

  public EnvironmentFacts {
    allowedRegistries = List.copyOf(allowedRegistries);
    quota = Map.copyOf(quota);
  }
}
