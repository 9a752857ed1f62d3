package dev.slipway.environment.kubernetes.model;

import dev.slipway.environment.domain.EnvironmentSpec;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import java.util.List;
import java.util.Map;

/**
 * The environment's baseline traffic rules: nothing gets in unless allowed, and the ingress
 * controller is allowed. Apps add their own policies (deploy-service) on top. Egress stays open so
 * pods can resolve DNS and reach external services; the platform standard restricts ingress only.
 */
public final class NetworkPolicyModel {

  public static final String DEFAULT_DENY = "slipway-default-deny";
  public static final String ALLOW_INGRESS_CONTROLLER = "slipway-allow-ingress-controller";

  /** Set by the API server on every namespace (Kubernetes 1.22+), so no label needs adding. */
  static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

  private NetworkPolicyModel() {}

  public static NetworkPolicy defaultDeny(EnvironmentSpec spec) {
    return new NetworkPolicyBuilder()
        .withNewMetadata()
        .withName(DEFAULT_DENY)
        .withNamespace(spec.namespace())
        .withLabels(EnvironmentLabels.of(spec))
        .endMetadata()
        .withNewSpec()
        .withNewPodSelector()
        .endPodSelector()
        .withPolicyTypes(List.of("Ingress"))
        .endSpec()
        .build();
  }

  public static NetworkPolicy allowIngressController(
      EnvironmentSpec spec, String ingressNamespace) {
    return new NetworkPolicyBuilder()
        .withNewMetadata()
        .withName(ALLOW_INGRESS_CONTROLLER)
        .withNamespace(spec.namespace())
        .withLabels(EnvironmentLabels.of(spec))
        .endMetadata()
        .withNewSpec()
        .withNewPodSelector()
        .endPodSelector()
        .withPolicyTypes(List.of("Ingress"))
        .addNewIngress()
        .addNewFrom()
        .withNewNamespaceSelector()
        .withMatchLabels(Map.of(NAMESPACE_NAME_LABEL, ingressNamespace))
        .endNamespaceSelector()
        .endFrom()
        .endIngress()
        .endSpec()
        .build();
  }
}
