package dev.slipway.secret.kubernetes.client;

import dev.slipway.kit.kubernetes.Labels;
import dev.slipway.kit.kubernetes.ServerSideApplier;
import dev.slipway.kit.reactive.BlockingCalls;
import dev.slipway.secret.client.VaultClient;
import dev.slipway.secret.config.SecretsConfig;
import dev.slipway.secret.kubernetes.model.SecretManifests;
import dev.slipway.secret.service.Delivery;
import dev.slipway.secret.service.SecretBackend;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Values in Vault KV v2; the cluster gets an {@code ExternalSecret} that points at the version just
 * written, so the External Secrets Operator materialises the Secret. When the operator's CRD is not
 * installed, values are only in Vault (logged once per delivery). Pinning the Vault version means a
 * write whose database transaction then failed is never picked up.
 */
public class ExternalSecretBackend implements SecretBackend {

  private static final Logger LOG = Logger.getLogger(ExternalSecretBackend.class);

  private final KubernetesClient client;
  private final ServerSideApplier applier;
  private final BlockingCalls blocking;
  private final VaultClient vault;
  private final SecretsConfig.Vault config;

  public ExternalSecretBackend(
      KubernetesClient client,
      ServerSideApplier applier,
      BlockingCalls blocking,
      VaultClient vault,
      SecretsConfig.Vault config) {
    this.client = client;
    this.applier = applier;
    this.blocking = blocking;
    this.vault = vault;
    this.config = config;
  }

  @Override
  public Uni<Void> deliver(List<Delivery> deliveries) {
    List<HasMetadata> externalSecrets = new ArrayList<>();
    return Multi.createFrom()
        .iterable(deliveries)
        .onItem()
        .transformToUniAndConcatenate(
            d -> {
              String path = vault.path(d.team(), d.environment(), d.name());
              return vault
                  .write(path, d.values())
                  .invoke(
                      version ->
                          externalSecrets.add(
                              SecretManifests.externalSecret(
                                  d,
                                  config.storeName(),
                                  config.storeKind(),
                                  config.refreshInterval(),
                                  path,
                                  version)));
            })
        .collect()
        .asList()
        .chain(
            written ->
                blocking.call(
                    () -> {
                      if (!operatorInstalled()) {
                        LOG.infof(
                            "%d secret(s) written to Vault; no ExternalSecret CRD in the cluster,"
                                + " so nothing applied",
                            written.size());
                        return null;
                      }
                      applier.applyAll(externalSecrets);
                      return null;
                    }))
        .replaceWithVoid();
  }

  @Override
  public Uni<Void> remove(String team, String environment, String name) {
    return vault
        .destroy(vault.path(team, environment, name))
        .chain(
            () ->
                blocking.call(
                    () -> {
                      if (operatorInstalled()) {
                        client
                            .genericKubernetesResources(
                                SecretManifests.EXTERNAL_SECRETS_API, "ExternalSecret")
                            .inNamespace(Labels.namespace(team, environment))
                            .withName(name)
                            .delete();
                      }
                      return null;
                    }))
        .replaceWithVoid();
  }

  private boolean operatorInstalled() {
    return client.supports(SecretManifests.EXTERNAL_SECRETS_API, "ExternalSecret");
  }

  @Override
  public String name() {
    return "vault";
  }
}
