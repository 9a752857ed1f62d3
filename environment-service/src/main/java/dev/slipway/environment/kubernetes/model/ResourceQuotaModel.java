package dev.slipway.environment.kubernetes.model;

import dev.slipway.environment.domain.EnvironmentSpec;
import dev.slipway.events.EnvironmentQuota;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/** Caps what the whole environment may request and use, from its team's quota for its kind. */
public final class ResourceQuotaModel {

  public static final String NAME = "slipway-quota";

  private ResourceQuotaModel() {}

  public static ResourceQuota render(EnvironmentSpec spec, EnvironmentQuota quota) {
    return render(spec, hard(quota));
  }

  /** The hard limits of a quota: requests and limits alike. */
  public static Map<String, Quantity> hard(EnvironmentQuota quota) {
    var hard = new LinkedHashMap<String, Quantity>();
    hard.put("requests.cpu", new Quantity(quota.cpu()));
    hard.put("limits.cpu", new Quantity(quota.cpu()));
    hard.put("requests.memory", new Quantity(quota.memory()));
    hard.put("limits.memory", new Quantity(quota.memory()));
    hard.put("pods", new Quantity(Integer.toString(quota.pods())));
    hard.put("requests.storage", new Quantity(quota.storage()));
    return hard;
  }

  /** A quota with the given hard limits, such as those copied from a clone's source. */
  public static ResourceQuota render(EnvironmentSpec spec, Map<String, Quantity> hard) {
    return new ResourceQuotaBuilder()
        .withNewMetadata()
        .withName(NAME)
        .withNamespace(spec.namespace())
        .withLabels(EnvironmentLabels.of(spec))
        .endMetadata()
        .withNewSpec()
        .withHard(hard)
        .endSpec()
        .build();
  }
}
