package dev.slipway.k8s;

import static dev.slipway.k8s.Manifests.at;
import static dev.slipway.k8s.Manifests.documents;
import static dev.slipway.k8s.Manifests.find;
import static dev.slipway.k8s.Manifests.ofKind;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The kustomize base is the chart's default render, checked in for GitOps users. After a chart
 * change: {@code ./mvnw -B -pl k8s test -Dtest=KustomizeTest -Dslipway.k8s.regenerate=true}.
 */
class KustomizeTest {
  static final String HEADER =
      "# GENERATED from k8s/helm/slipway with default values (release slipway, namespace slipway-system).\n"
          + "# Do not edit: change the chart, then run\n"
          + "#   ./mvnw -B -pl k8s test -Dtest=KustomizeTest -Dslipway.k8s.regenerate=true\n";

  @Test
  void theBaseIsTheChartsDefaultRender() throws IOException {
    Path base = Manifests.moduleDir().resolve("kustomize/base/slipway.yaml");
    String expected = HEADER + Manifests.renderChart();
    if (Boolean.getBoolean("slipway.k8s.regenerate")) {
      Files.writeString(base, expected);
    }
    assertThat(base)
        .as("kustomize/base/slipway.yaml is stale: regenerate it (see this class's Javadoc)")
        .hasContent(expected);
    List<Map<String, Object>> kustomized = documents(Manifests.kustomize("base"));
    List<Map<String, Object>> chart = documents(Manifests.renderChart());
    assertThat(kustomized).containsAll(chart);
    assertThat(ofKind(kustomized, "Namespace")).hasSize(1);
    assertThat(kustomized).hasSize(chart.size() + 1);
  }

  @Test
  void devIsSmall() {
    List<Map<String, Object>> dev = documents(Manifests.kustomize("overlays/dev"));
    assertThat((Object) at(find(dev, "KafkaNodePool", "dual-role"), "spec", "replicas"))
        .isEqualTo(1);
    assertThat(ofKind(dev, "KafkaTopic"))
        .allSatisfy(t -> assertThat((Object) at(t, "spec", "replicas")).isEqualTo(1));
    assertThat(ofKind(dev, "Cluster"))
        .allSatisfy(
            c -> {
              assertThat((Object) at(c, "spec", "instances")).isEqualTo(1);
              assertThat((Object) at(c, "spec", "backup")).isNull();
            });
    assertThat(ofKind(dev, "ScheduledBackup")).isEmpty();
    assertThat(ofKind(dev, "Deployment")).hasSize(Manifests.SERVICES.size());
  }

  @Test
  void productionPinsImagesAndAddsReplicas() {
    List<Map<String, Object>> prod = documents(Manifests.kustomize("overlays/production"));
    for (String service : Manifests.SERVICES) {
      assertThat(
              (Object)
                  at(
                      find(prod, "Deployment", service),
                      "spec",
                      "template",
                      "spec",
                      "containers",
                      0,
                      "image"))
          .isEqualTo("ghcr.io/slipway/" + service + ":0.1.0");
      assertThat((Object) at(find(prod, "HorizontalPodAutoscaler", service), "spec", "minReplicas"))
          .isEqualTo(3);
    }
    assertThat(ofKind(prod, "Cluster"))
        .allSatisfy(c -> assertThat((Object) at(c, "spec", "instances")).isEqualTo(3));
  }
}
