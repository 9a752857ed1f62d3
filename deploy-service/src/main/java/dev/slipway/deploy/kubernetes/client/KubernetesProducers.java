package dev.slipway.deploy.kubernetes.client;

import dev.slipway.kit.kubernetes.ServerSideApplier;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * deploy-service writes its slice of Kubernetes under one field manager, and keeps its restores.
 */
public class KubernetesProducers {

  public static final String FIELD_MANAGER = "slipway-deploy";

  @Produces
  @ApplicationScoped
  ServerSideApplier applier(KubernetesClient client, ApplyRestores restores) {
    return new ServerSideApplier(client, FIELD_MANAGER, restores);
  }
}
