package dev.slipway.environment.kubernetes.client;

import dev.slipway.environment.config.EnvironmentsConfig;
import dev.slipway.environment.domain.EnvironmentSpec;
import dev.slipway.environment.domain.Provisioning;
import dev.slipway.environment.kubernetes.model.EnvironmentManifests;
import dev.slipway.environment.kubernetes.model.NamespaceOwnership;
import dev.slipway.environment.service.EnvironmentCluster;
import dev.slipway.kit.inbox.EventHandling.TransientFailure;
import dev.slipway.kit.kubernetes.ApplyException;
import dev.slipway.kit.kubernetes.ServerSideApplier;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;

/** Applies an environment's objects, after checking the namespace is Slipway's to use. */
@ApplicationScoped
public class KubernetesEnvironmentCluster implements EnvironmentCluster {

  private final KubernetesClient client;
  private final ServerSideApplier applier;
  private final EnvironmentsConfig config;

  public KubernetesEnvironmentCluster(
      KubernetesClient client, ServerSideApplier applier, EnvironmentsConfig config) {
    this.client = client;
    this.applier = applier;
    this.config = config;
  }

  @Override
  public Provisioning provision(EnvironmentSpec spec) {
    var foreign = NamespaceOwnership.problem(existingNamespace(spec.namespace()), spec);
    if (foreign.isPresent()) {
      return new Provisioning.Refused(foreign.get());
    }
    try {
      applier.applyAll(EnvironmentManifests.render(spec, config));
      return new Provisioning.Provisioned(spec.namespace());
    } catch (ApplyException e) {
      // The applier restored what it had touched: nothing is left half-made.
      return new Provisioning.Refused(e.getMessage());
    }
  }

  private Namespace existingNamespace(String name) {
    try {
      return client.namespaces().withName(name).get();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 0 || e.getCode() == 429 || e.getCode() >= 500) {
        throw new TransientFailure("Kubernetes API unavailable reading namespace " + name, e);
      }
      throw e;
    }
  }
}
