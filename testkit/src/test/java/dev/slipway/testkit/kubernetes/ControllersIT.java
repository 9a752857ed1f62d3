package dev.slipway.testkit.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What kube-controller-manager does: rollouts to ReplicaSets and Pods, GC, namespace deletion. */
class ControllersIT {
  private final KubernetesCluster cluster = ClusterLocator.locate();
  private final KubernetesClient client = cluster.adminClient();

  @Test
  void aDeploymentGetsAReplicaSetAndItsPods() {
    String namespace = cluster.createTestNamespace("rollout");
    client
        .resource(Workloads.deployment(namespace, "checkout", 2))
        .fieldManager("slipway-deploy")
        .serverSideApply();

    Eventually.within(
        Duration.ofSeconds(60),
        "a ReplicaSet owned by the Deployment",
        () -> !replicaSets(namespace).isEmpty());
    assertThat(replicaSets(namespace).get(0).getMetadata().getOwnerReferences())
        .anySatisfy(owner -> assertThat(owner.getName()).isEqualTo("checkout"));
    // Pods exist, so ServiceAccount admission found "default" (they stay Pending unless kwok runs).
    Eventually.within(
        Duration.ofSeconds(60),
        "2 pods",
        () -> client.pods().inNamespace(namespace).list().getItems().size() == 2);
  }

  @Test
  void deletingAnOwnerGarbageCollectsItsDependents() {
    String namespace = cluster.createTestNamespace("gc");
    ConfigMap owner =
        client
            .resource(
                new ConfigMapBuilder()
                    .withNewMetadata()
                    .withNamespace(namespace)
                    .withName("owner")
                    .endMetadata()
                    .build())
            .create();
    client
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withNamespace(namespace)
                .withName("dependent")
                .addNewOwnerReference()
                .withApiVersion("v1")
                .withKind("ConfigMap")
                .withName("owner")
                .withUid(owner.getMetadata().getUid())
                .endOwnerReference()
                .endMetadata()
                .build())
        .create();

    client.resource(owner).delete();

    Eventually.within(
        Duration.ofSeconds(60),
        "the dependent ConfigMap garbage-collected",
        () -> client.configMaps().inNamespace(namespace).withName("dependent").get() == null);
  }

  @Test
  void namespaceDeletionCompletesAndLeavesNothingManagedBySlipway() {
    String namespace = cluster.createTestNamespace("teardown");
    client
        .resource(Workloads.deployment(namespace, "checkout", 1))
        .fieldManager("slipway-deploy")
        .serverSideApply();
    client
        .resource(
            new ServiceBuilder()
                .withNewMetadata()
                .withNamespace(namespace)
                .withName("checkout")
                .addToLabels(Workloads.MANAGED_BY, "slipway")
                .endMetadata()
                .withNewSpec()
                .addToSelector("app.kubernetes.io/name", "checkout")
                .addNewPort()
                .withPort(8080)
                .endPort()
                .endSpec()
                .build())
        .fieldManager("slipway-deploy")
        .serverSideApply();
    Eventually.within(
        Duration.ofSeconds(60), "the rollout started", () -> !replicaSets(namespace).isEmpty());

    client.namespaces().withName(namespace).delete();

    Eventually.within(
        Duration.ofSeconds(60),
        "namespace " + namespace + " gone",
        () -> client.namespaces().withName(namespace).get() == null);
    String managed = Workloads.MANAGED_BY + "=slipway";
    assertThat(
            client
                .apps()
                .deployments()
                .inNamespace(namespace)
                .withLabel(Workloads.MANAGED_BY, "slipway")
                .list()
                .getItems())
        .isEmpty();
    assertThat(
            client
                .services()
                .inNamespace(namespace)
                .withLabel(Workloads.MANAGED_BY, "slipway")
                .list()
                .getItems())
        .isEmpty();
    assertThat(
            client
                .pods()
                .inNamespace(namespace)
                .withLabel(Workloads.MANAGED_BY, "slipway")
                .list()
                .getItems())
        .as(managed)
        .isEmpty();
    assertThat(replicaSets(namespace)).isEmpty();
  }

  private List<ReplicaSet> replicaSets(String namespace) {
    return client.apps().replicaSets().inNamespace(namespace).list().getItems();
  }
}
