package dev.slipway.environment.kubernetes.model;

import dev.slipway.environment.config.EnvironmentsConfig;
import dev.slipway.environment.domain.EnvironmentSpec;
import dev.slipway.events.EnvironmentQuota;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Every object of an environment, in apply order: the namespace before what lives in it. */
public final class EnvironmentManifests {

  private EnvironmentManifests() {}

  /** With the platform's default quota of the kind. */
  public static List<HasMetadata> render(EnvironmentSpec spec, EnvironmentsConfig config) {
    return render(spec, config, config.quotaFor(spec.kind()));
  }

  /** With the team's quota of the kind. */
  public static List<HasMetadata> render(
      EnvironmentSpec spec, EnvironmentsConfig config, EnvironmentQuota quota) {
    return render(spec, config, ResourceQuotaModel.hard(quota));
  }

  /** With the quota given rather than the kind's: a clone keeps its source's. */
  public static List<HasMetadata> render(
      EnvironmentSpec spec, EnvironmentsConfig config, Map<String, Quantity> quota) {
    List<HasMetadata> objects = new ArrayList<>();
    objects.add(NamespaceModel.render(spec));
    objects.add(ResourceQuotaModel.render(spec, quota));
    objects.add(LimitRangeModel.render(spec, config.limitRange()));
    objects.add(NetworkPolicyModel.defaultDeny(spec));
    objects.add(NetworkPolicyModel.allowIngressController(spec, config.ingressNamespace()));
    objects.addAll(TeamRoleBindingModel.render(spec, config.teamAccess()));
    return List.copyOf(objects);
  }
}
