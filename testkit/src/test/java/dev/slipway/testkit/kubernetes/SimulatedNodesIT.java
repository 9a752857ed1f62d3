package dev.slipway.testkit.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** With kube-scheduler and kwok in the cache, a rollout completes as on a cluster. */
class SimulatedNodesIT {

  @Test
  void aDeploymentsPodsAreScheduledAndBecomeReady() {
    LocalKubernetes cluster = LocalKubernetes.shared();
    assumeTrue(
        cluster.binaries().kwok().isPresent() && cluster.binaries().kubeScheduler().isPresent(),
        "kwok and kube-scheduler not built (testkit/kube/build.sh builds them)");
    KubernetesClient client = cluster.adminClient();
    String namespace = cluster.createTestNamespace("kwok");

    client
        .resource(Workloads.deployment(namespace, "checkout", 3))
        .fieldManager("slipway-deploy")
        .serverSideApply();

    Eventually.within(
        Duration.ofSeconds(60),
        "3 available replicas",
        () -> {
          Deployment live =
              client.apps().deployments().inNamespace(namespace).withName("checkout").get();
          Integer available =
              live.getStatus() == null ? null : live.getStatus().getAvailableReplicas();
          return available != null && available == 3;
        });
    List<Pod> pods = client.pods().inNamespace(namespace).list().getItems();
    assertThat(pods)
        .hasSize(3)
        .allSatisfy(
            pod -> {
              assertThat(pod.getSpec().getNodeName()).isEqualTo(SimulatedNode.NAME);
              assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
            });
  }
}
