package dev.slipway.environment.kubernetes.model;

import dev.slipway.environment.config.EnvironmentsConfig;
import dev.slipway.environment.domain.EnvironmentSpec;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/** Every object of an environment, in apply order: the namespace before what lives in it. */
public final class EnvironmentManifests {

  private EnvironmentManifests() {}

  public static List<HasMetadata> render(EnvironmentSpec spec, EnvironmentsConfig config) {
    return List.of(
        NamespaceModel.render(spec),
        ResourceQuotaModel.render(spec, config.quotaFor(spec.kind())),
        LimitRangeModel.render(spec, config.limitRange()),
        NetworkPolicyModel.defaultDeny(spec),
        NetworkPolicyModel.allowIngressController(spec, config.ingressNamespace()));
  }
}
