package dev.slipway.environment.kubernetes.model;

import dev.slipway.environment.domain.EnvironmentSpec;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;

/** The environment's namespace. */
public final class NamespaceModel {

  private NamespaceModel() {}

  public static Namespace render(EnvironmentSpec spec) {
    return new NamespaceBuilder()
        .withNewMetadata()
        .withName(spec.namespace())
        .withLabels(EnvironmentLabels.of(spec))
        .endMetadata()
        .build();
  }
}
