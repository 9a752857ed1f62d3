package dev.slipway.environment.kubernetes.model;

import dev.slipway.environment.config.EnvironmentsConfig.LimitRangeDefaults;
import dev.slipway.environment.config.EnvironmentsConfig.Resources;
import dev.slipway.environment.domain.EnvironmentSpec;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;

/**
 * Default requests and limits for containers that declare none: with a ResourceQuota on requests
 * and limits, the API server would otherwise reject such pods outright.
 */
public final class LimitRangeModel {

  public static final String NAME = "slipway-defaults";

  private LimitRangeModel() {}

  public static LimitRange render(EnvironmentSpec spec, LimitRangeDefaults defaults) {
    return new LimitRangeBuilder()
        .withNewMetadata()
        .withName(NAME)
        .withNamespace(spec.namespace())
        .withLabels(EnvironmentLabels.of(spec))
        .endMetadata()
        .withNewSpec()
        .addNewLimit()
        .withType("Container")
        .withDefaultRequest(quantities(defaults.defaultRequest()))
        .withDefault(quantities(defaults.defaultLimit()))
        .endLimit()
        .endSpec()
        .build();
  }

  private static Map<String, Quantity> quantities(Resources resources) {
    return Map.of("cpu", new Quantity(resources.cpu()), "memory", new Quantity(resources.memory()));
  }
}
