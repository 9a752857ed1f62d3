package dev.slipway.k8s;

import static dev.slipway.k8s.Manifests.at;
import static dev.slipway.k8s.Manifests.documents;
import static dev.slipway.k8s.Manifests.name;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * k8s/rbac/ is the source of truth for each service's permissions (tested by testkit's RbacIT); the
 * chart and the kustomize base must grant exactly that, no more and no less.
 */
class ChartRbacTest {
  private static final List<String> RBAC_KINDS =
      List.of("ServiceAccount", "ClusterRole", "ClusterRoleBinding");

  @Test
  void theChartsCopyOfTheRbacFilesIsIdentical() throws IOException {
    Path copy = Manifests.chartDir().resolve("files/rbac");
    try (Stream<Path> files = Files.list(copy)) {
      for (Path file : files.toList()) {
        assertThat(file)
            .as(
                "helm/slipway/files/rbac/%s: copy k8s/rbac/%s over it",
                file.getFileName(), file.getFileName())
            .hasSameTextualContentAs(Manifests.rbacDir().resolve(file.getFileName()));
      }
    }
    for (String service : Manifests.SERVICES) {
      assertThat(copy.resolve(service + ".yaml")).exists();
    }
    assertThat(copy.resolve("team-roles.yaml")).exists();
  }

  @Test
  void theChartGrantsExactlyTheRulesOfK8sRbac() {
    assertSameRbac(documents(Manifests.renderChart()));
  }

  @Test
  void theKustomizeBaseGrantsExactlyTheRulesOfK8sRbac() {
    assertSameRbac(documents(Manifests.kustomize("base")));
  }

  static void assertSameRbac(List<Map<String, Object>> rendered) {
    List<Map<String, Object>> expected = new ArrayList<>();
    try (Stream<Path> files = Files.list(Manifests.rbacDir())) {
      files
          .filter(
              f ->
                  f.toString().endsWith(".yaml")
                      && !f.getFileName().toString().equals("namespace.yaml"))
          .forEach(f -> expected.addAll(documents(f)));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    List<Map<String, Object>> actual =
        rendered.stream().filter(d -> RBAC_KINDS.contains(d.get("kind"))).toList();
    assertThat(actual.stream().map(ChartRbacTest::key))
        .containsExactlyInAnyOrderElementsOf(expected.stream().map(ChartRbacTest::key).toList());
    for (Map<String, Object> want : expected) {
      Map<String, Object> got =
          actual.stream().filter(d -> key(d).equals(key(want))).findFirst().orElseThrow();
      switch ((String) want.get("kind")) {
        case "ClusterRole" ->
            assertThat((Object) got.get("rules"))
                .as("rules of %s", key(want))
                .isEqualTo(want.get("rules"));
        case "ClusterRoleBinding" -> {
          assertThat((Object) got.get("roleRef")).isEqualTo(want.get("roleRef"));
          List<Map<String, Object>> subjects = at(got, "subjects");
          List<Map<String, Object>> wanted = at(want, "subjects");
          assertThat(subjects).hasSameSizeAs(wanted);
          for (int i = 0; i < wanted.size(); i++) {
            assertThat(subjects.get(i))
                .containsEntry("kind", wanted.get(i).get("kind"))
                .containsEntry("name", wanted.get(i).get("name"))
                .containsEntry("namespace", Manifests.NAMESPACE);
          }
        }
        case "ServiceAccount" ->
            assertThat((Object) got.get("automountServiceAccountToken"))
                .as("automountServiceAccountToken of %s", key(want))
                .isEqualTo(want.get("automountServiceAccountToken"));
        default -> throw new AssertionError(want.get("kind"));
      }
    }
  }

  private static String key(Map<String, Object> doc) {
    return doc.get("kind") + "/" + name(doc);
  }
}
