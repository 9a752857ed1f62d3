package dev.slipway.secret.kubernetes.client;

import dev.slipway.kit.kubernetes.ServerSideApplier;
import dev.slipway.kit.reactive.BlockingCalls;
import dev.slipway.secret.client.VaultClient;
import dev.slipway.secret.config.SecretsConfig;
import dev.slipway.secret.service.SecretBackend;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** secret-service writes Secrets (or ExternalSecrets) under one field manager. */
public class BackendProducer {

  public static final String FIELD_MANAGER = "slipway-secret";

  @Produces
  @ApplicationScoped
  ServerSideApplier applier(KubernetesClient client) {
    return new ServerSideApplier(client, FIELD_MANAGER);
  }

  @Produces
  @ApplicationScoped
  SecretBackend backend(
      SecretsConfig config,
      KubernetesClient client,
      ServerSideApplier applier,
      BlockingCalls blocking,
      Vertx vertx) {
    return switch (config.backend()) {
      case KUBERNETES -> new KubernetesSecretBackend(client, applier, blocking);
      case VAULT ->
          new ExternalSecretBackend(
              client, applier, blocking, new VaultClient(vertx, config.vault()), config.vault());
    };
  }
}
