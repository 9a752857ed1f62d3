package dev.slipway.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.testkit.kubernetes.LocalKubernetes;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every object the chart and the overlays render is accepted by a real kube-apiserver: server-side
 * apply, dry run, strict field validation (an unknown or misspelt field is an error, not a
 * warning), with the Strimzi, CloudNativePG and Prometheus Operator CRDs installed
 * (src/test/resources/crds).
 */
class DryRunApplyIT {
  private static LocalKubernetes cluster;

  @BeforeAll
  static void installCrds() throws InterruptedException {
    cluster = LocalKubernetes.shared();
    Path crds = Manifests.moduleDir().resolve("src/test/resources/crds");
    kubectl(
        "apply",
        "--server-side",
        "--force-conflicts",
        "--field-manager=slipway-k8s-test",
        "-R",
        "-f",
        crds.toString());
    awaitEstablished(
        "crd/kafkas.kafka.strimzi.io",
        "crd/kafkanodepools.kafka.strimzi.io",
        "crd/kafkatopics.kafka.strimzi.io",
        "crd/kafkausers.kafka.strimzi.io",
        "crd/clusters.postgresql.cnpg.io",
        "crd/scheduledbackups.postgresql.cnpg.io",
        "crd/prometheusrules.monitoring.coreos.com");
    // Namespaced objects can only be dry-run into a namespace that exists.
    cluster
        .adminClient()
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(Manifests.NAMESPACE)
                .endMetadata()
                .build())
        .serverSideApply();
  }

  @Test
  void theChartWithDefaultValues() {
    assertAccepted("chart-default", Manifests.renderChart());
  }

  @Test
  void theChartWithAnExistingKafkaAndPostgresql() {
    assertAccepted("chart-external", Manifests.renderChart(Manifests.testValues("external.yaml")));
  }

  @Test
  void theKustomizeBase() {
    assertAccepted("kustomize-base", Manifests.kustomize("base"));
  }

  @Test
  void theDevOverlay() {
    assertAccepted("kustomize-dev", Manifests.kustomize("overlays/dev"));
  }

  @Test
  void theProductionOverlay() {
    assertAccepted("kustomize-production", Manifests.kustomize("overlays/production"));
  }

  @Test
  void aMisspeltFieldIsRefusedSoTheChecksAboveMeanSomething() {
    String yaml = Manifests.renderChart().replaceFirst("(?m)^  partitions: ", "  partitionz: ");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> assertAccepted("chart-broken", yaml))
        .hasMessageContaining("partitionz");
  }

  private static void assertAccepted(String name, String yaml) {
    int objects = Manifests.documents(yaml).size();
    try {
      Path file = Files.createTempFile("slipway-" + name + "-", ".yaml");
      Files.writeString(file, yaml);
      String out =
          kubectl(
              "apply",
              "--server-side",
              "--dry-run=server",
              "--validate=strict",
              "--field-manager=slipway-k8s-test",
              "-f",
              file.toString());
      Files.delete(file);
      List<String> applied =
          out.lines().filter(l -> l.endsWith("serverside-applied (server dry run)")).toList();
      assertThat(applied).as(out).hasSize(objects);
      assertThat(out).doesNotContainIgnoringCase("warning");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * kubectl wait fails at once ("accessor error") on a CRD the API server has not given a status
   * yet, instead of waiting: retry until every CRD reports Established.
   */
  private static void awaitEstablished(String... crds) throws InterruptedException {
    List<String> args =
        new ArrayList<>(List.of("wait", "--for=condition=Established", "--timeout=60s"));
    args.addAll(List.of(crds));
    for (int attempt = 1; ; attempt++) {
      try {
        kubectl(args.toArray(String[]::new));
        return;
      } catch (IllegalStateException e) {
        if (attempt == 20) {
          throw e;
        }
        Thread.sleep(500);
      }
    }
  }

  private static String kubectl(String... args) {
    List<String> command = new ArrayList<>();
    command.add(cluster.binaries().kubectl().toString());
    command.add("--kubeconfig=" + cluster.kubeconfig());
    command.addAll(List.of(args));
    return Manifests.run(command);
  }
}
