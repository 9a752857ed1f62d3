package dev.slipway.testkit.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ServerSideApplyIT {
  private final KubernetesCluster cluster = ClusterLocator.locate();
  private final KubernetesClient client = cluster.adminClient();
  private String namespace;

  @BeforeEach
  void namespace() {
    namespace = cluster.createTestNamespace("ssa");
  }

  @Test
  void applyCreatesThenUpdatesOnlyTheFieldsItOwns() {
    apply("slipway-deploy", configMap(Map.of("a", "1", "b", "2")));
    // Someone else (an operator with kubectl) adds a key with their own field manager.
    apply("ops-kubectl", configMap(Map.of("c", "3")));

    // Slipway's next apply changes b, drops a, and does not mention c.
    ConfigMap result = apply("slipway-deploy", configMap(Map.of("b", "20")));

    assertThat(result.getData()).containsExactlyInAnyOrderEntriesOf(Map.of("b", "20", "c", "3"));
    assertThat(result.getMetadata().getManagedFields())
        .extracting(ManagedFieldsEntry::getManager)
        .contains("slipway-deploy", "ops-kubectl");
  }

  @Test
  void aFieldHeldByAnotherManagerIsAConflictUnlessForced() {
    Deployment deployment = Workloads.deployment(namespace, "checkout", 3);
    client.resource(deployment).fieldManager("slipway-deploy").serverSideApply();

    KubernetesClientException conflict =
        catchThrowableOfType(
            KubernetesClientException.class,
            () -> client.resource(replicas(5)).fieldManager("kubectl-scale").serverSideApply());
    assertThat(conflict.getCode()).isEqualTo(409);
    assertThat(conflict.getStatus().getMessage()).contains("slipway-deploy", ".spec.replicas");

    client.resource(replicas(5)).fieldManager("kubectl-scale").forceConflicts().serverSideApply();
    // Now kubectl-scale owns replicas: Slipway's unchanged apply conflicts, its forced one wins.
    KubernetesClientException back =
        catchThrowableOfType(
            KubernetesClientException.class,
            () -> client.resource(deployment).fieldManager("slipway-deploy").serverSideApply());
    assertThat(back.getCode()).isEqualTo(409);
    assertThat(back.getStatus().getMessage()).contains("kubectl-scale");

    Deployment forced =
        client
            .resource(deployment)
            .fieldManager("slipway-deploy")
            .forceConflicts()
            .serverSideApply();
    assertThat(forced.getSpec().getReplicas()).isEqualTo(3);
  }

  private ConfigMap apply(String manager, ConfigMap configMap) {
    return client.resource(configMap).fieldManager(manager).serverSideApply();
  }

  private ConfigMap configMap(Map<String, String> data) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName("app-config")
        .addToLabels(Workloads.MANAGED_BY, "slipway")
        .endMetadata()
        .withData(data)
        .build();
  }

  /** An apply configuration that states only the replica count, as `kubectl scale` would own. */
  private Deployment replicas(int replicas) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName("checkout")
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .endSpec()
        .build();
  }
}
