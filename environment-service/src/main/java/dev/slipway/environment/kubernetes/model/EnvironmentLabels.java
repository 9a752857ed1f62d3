package dev.slipway.environment.kubernetes.model;

import dev.slipway.environment.domain.EnvironmentSpec;
import dev.slipway.kit.kubernetes.Labels;
import java.util.Map;

/** The labels on every object of an environment: Slipway's, plus the kind. */
public final class EnvironmentLabels {

  public static final String KIND = "slipway.dev/kind";

  private EnvironmentLabels() {}

  public static Map<String, String> of(EnvironmentSpec spec) {
    var labels = Labels.environment(spec.team(), spec.name());
    labels.put(KIND, spec.kind().wire());
    return labels;
  }
}
