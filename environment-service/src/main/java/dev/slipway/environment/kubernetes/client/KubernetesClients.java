package dev.slipway.environment.kubernetes.client;

import dev.slipway.kit.kubernetes.ServerSideApplier;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The one applier of this service, under its own field manager. */
public class KubernetesClients {

  /** Owns the fields of the environment slice; other services use their own managers. */
  public static final String FIELD_MANAGER = "slipway-environment";

  @Produces
  @Singleton
  ServerSideApplier serverSideApplier(KubernetesClient client) {
    return new ServerSideApplier(client, FIELD_MANAGER);
  }
}
