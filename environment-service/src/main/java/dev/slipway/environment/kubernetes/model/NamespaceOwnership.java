package dev.slipway.environment.kubernetes.model;

import dev.slipway.environment.domain.EnvironmentSpec;
import dev.slipway.kit.kubernetes.Labels;
import io.fabric8.kubernetes.api.model.Namespace;
import java.util.Map;
import java.util.Optional;

/**
 * Decides whether Slipway may apply into a namespace that already exists. Slipway never adopts a
 * namespace someone else made: taking it over would put a quota and a default-deny policy on
 * workloads Slipway knows nothing about.
 */
public final class NamespaceOwnership {

  private NamespaceOwnership() {}

  /** Why the existing namespace may not be used for this environment; empty when it may. */
  public static Optional<String> problem(Namespace existing, EnvironmentSpec spec) {
    if (existing == null) {
      return Optional.empty();
    }
    Map<String, String> labels =
        existing.getMetadata().getLabels() == null ? Map.of() : existing.getMetadata().getLabels();
    if (!Labels.MANAGED_BY_VALUE.equals(labels.get(Labels.MANAGED_BY))) {
      return Optional.of("namespace " + spec.namespace() + " exists and is not managed by Slipway");
    }
    // Team "a-b" with environment "c" and team "a" with "b-c" share a namespace name.
    if (!spec.team().equals(labels.get(Labels.TEAM))
        || !spec.name().equals(labels.get(Labels.ENVIRONMENT))) {
      return Optional.of(
          "namespace "
              + spec.namespace()
              + " belongs to the Slipway environment "
              + labels.get(Labels.TEAM)
              + "/"
              + labels.get(Labels.ENVIRONMENT));
    }
    return Optional.empty();
  }
}
