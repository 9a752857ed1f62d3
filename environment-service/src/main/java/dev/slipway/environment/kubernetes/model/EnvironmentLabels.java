package dev.slipway.environment.kubernetes.model;

import dev.slipway.environment.domain.EnvironmentSpec;
import dev.slipway.kit.kubernetes.Labels;
import java.util.Map;

/** The labels on every object of an environment: Slipway's, plus the kind. */
public final class EnvironmentLabels {

  private EnvironmentLabels() {}

  public static Map<String, String> of(EnvironmentSpec spec) {
    var labels = Labels.environment(spec.team(), spec.name());
    labels.put(Labels.KIND, spec.kind().wire());
    return labels;
  }

  /** What selects every object of the environment, whatever its kind label says. */
  public static Map<String, String> selector(String team, String environment) {
    return Labels.environment(team, environment);
  }
}
