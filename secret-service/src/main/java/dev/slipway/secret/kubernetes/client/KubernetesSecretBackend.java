package dev.slipway.secret.kubernetes.client;

import dev.slipway.kit.kubernetes.Labels;
import dev.slipway.kit.kubernetes.ServerSideApplier;
import dev.slipway.kit.reactive.BlockingCalls;
import dev.slipway.secret.kubernetes.model.SecretManifests;
import dev.slipway.secret.service.Delivery;
import dev.slipway.secret.service.SecretBackend;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.smallrye.mutiny.Uni;
import java.util.List;

/** Values as Kubernetes Secrets, by server-side apply under {@code slipway-secret}. */
public class KubernetesSecretBackend implements SecretBackend {

  private final KubernetesClient client;
  private final ServerSideApplier applier;
  private final BlockingCalls blocking;

  public KubernetesSecretBackend(
      KubernetesClient client, ServerSideApplier applier, BlockingCalls blocking) {
    this.client = client;
    this.applier = applier;
    this.blocking = blocking;
  }

  @Override
  public Uni<Void> deliver(List<Delivery> deliveries) {
    List<HasMetadata> secrets =
        deliveries.stream().<HasMetadata>map(SecretManifests::secret).toList();
    return blocking.call(() -> applier.applyAll(secrets)).replaceWithVoid();
  }

  @Override
  public Uni<Void> remove(String team, String environment, String name) {
    return blocking
        .call(
            () ->
                client
                    .secrets()
                    .inNamespace(Labels.namespace(team, environment))
                    .withName(name)
                    .delete())
        .replaceWithVoid();
  }

  @Override
  public String name() {
    return "kubernetes";
  }
}
