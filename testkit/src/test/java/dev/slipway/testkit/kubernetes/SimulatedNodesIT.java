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

  @Test
  void podLogsComeThroughTheApiServerWithTailSinceAndFollow() throws Exception {
    LocalKubernetes cluster = LocalKubernetes.shared();
    assumeTrue(
        cluster.binaries().kwok().isPresent() && cluster.binaries().kubeScheduler().isPresent(),
        "kwok and kube-scheduler not built (testkit/kube/build.sh builds them)");
    KubernetesClient client = cluster.adminClient();
    String namespace = cluster.createTestNamespace("kwok-logs");
    client
        .resource(Workloads.deployment(namespace, "checkout", 1))
        .fieldManager("slipway-deploy")
        .serverSideApply();
    Eventually.within(
        Duration.ofSeconds(60),
        "a pod on the node",
        () ->
            client.pods().inNamespace(namespace).list().getItems().stream()
                .anyMatch(p -> SimulatedNode.NAME.equals(p.getSpec().getNodeName())));
    String pod =
        client.pods().inNamespace(namespace).list().getItems().get(0).getMetadata().getName();
    var log = client.pods().inNamespace(namespace).withName(pod).inContainer("app");

    // Before the test writes any: the default line every simulated pod answers.
    assertThat(log.getLog()).contains("[kwok] simulated pod");

    SimulatedPodLogs.local()
        .append(
            namespace,
            pod,
            "app",
            SimulatedPodLogs.Line.at("2026-11-25T10:00:01Z", "started"),
            SimulatedPodLogs.Line.at("2026-11-25T10:00:02Z", "GET /x 500"),
            SimulatedPodLogs.Line.at("2026-11-25T10:00:03Z", "GET /y 200"));
    assertThat(log.getLog()).isEqualTo("started\nGET /x 500\nGET /y 200\n");
    assertThat(log.tailingLines(1).getLog()).isEqualTo("GET /y 200\n");
    assertThat(log.usingTimestamps().sinceTime("2026-11-25T10:00:02Z").getLog())
        .isEqualTo(
            "2026-11-25T10:00:02.000000000Z GET /x 500\n2026-11-25T10:00:03.000000000Z GET /y 200\n");

    try (var watch = log.tailingLines(1).watchLog();
        var reader =
            new java.io.BufferedReader(
                new java.io.InputStreamReader(
                    watch.getOutput(), java.nio.charset.StandardCharsets.UTF_8))) {
      assertThat(reader.readLine()).isEqualTo("GET /y 200");
      SimulatedPodLogs.local()
          .append(namespace, pod, "app", SimulatedPodLogs.Line.at("2026-11-25T10:00:04Z", "later"));
      assertThat(reader.readLine()).isEqualTo("later");
    }
  }
}
