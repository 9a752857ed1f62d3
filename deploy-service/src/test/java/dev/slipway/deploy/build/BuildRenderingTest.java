package dev.slipway.deploy.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.events.EventJson;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The build objects are compared with checked-in YAML ({@code golden/builds/*.yaml}); regenerate
 * after an intended change with {@code -Dgolden.update=true} and review the diff.
 */
class BuildRenderingTest {

  static final UUID ID = UUID.fromString("0b6f6a52-7c1e-3b9a-8d2f-4e5a6b7c8d9e");
  static final String COMMIT = "9fceb02d0ae598e95dc970b74767f19372d61af8";

  static BuildSettings settings(String registrySecret) {
    return new BuildSettings(
        Map.of("java", "paketobuildpacks/builder-jammy-base:0.4.537"),
        "gcr.io/kaniko-project/executor:v1.23.2",
        "alpine/git:v2.47.2",
        registrySecret,
        1800,
        86400,
        new BuildConfig.Resources() {
          public String requestsCpu() {
            return "500m";
          }

          public String requestsMemory() {
            return "1Gi";
          }

          public String limitsCpu() {
            return "2";
          }

          public String limitsMemory() {
            return "4Gi";
          }
        },
        "buildpacks-v3",
        "kaniko",
        Map.of());
  }

  static BuildTarget target(BuildSource source, String revision) {
    return new BuildTarget(
        ID, "payments", "dev", "checkout", source, revision, "registry.acme.internal/apps");
  }

  static final BuildSource BUILDPACK =
      new BuildSource("https://github.com/acme/checkout", "java", null);
  static final BuildSource DOCKERFILE =
      new BuildSource("git@github.com:acme/checkout.git", null, "build/Dockerfile");

  @Test
  void aBuildpackBuildIsAHardenedJobRunningTheLifecycleCreator() throws Exception {
    Job job = BuildJobRenderer.render(target(BUILDPACK, COMMIT), settings("registry-push"));
    golden("job-buildpack", List.of(job));

    var pod = job.getSpec().getTemplate().getSpec();
    assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(1800L);
    assertThat(job.getSpec().getTtlSecondsAfterFinished()).isEqualTo(86400);
    assertThat(job.getSpec().getBackoffLimit()).isZero();
    assertThat(job.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/managed-by", "slipway")
        .containsEntry("slipway.dev/build", ID.toString());
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getInitContainers()).hasSize(1);
    for (var container : List.of(pod.getInitContainers().get(0), pod.getContainers().get(0))) {
      assertThat(container.getSecurityContext().getPrivileged()).isFalse();
      assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
      assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
      assertThat(container.getResources().getLimits()).containsKeys("cpu", "memory");
    }
    assertThat(pod.getContainers().get(0).getArgs())
        .contains("-report=/dev/termination-log")
        .last()
        .isEqualTo("registry.acme.internal/apps/payments/checkout:9fceb02d0ae5");
    // The revision reaches git through the environment, never through the script's text.
    assertThat(pod.getInitContainers().get(0).getCommand().get(2)).doesNotContain(COMMIT);
  }

  @Test
  void aDockerfileBuildRunsKanikoWithoutPrivilegeAndReportsItsDigest() throws Exception {
    Job job = BuildJobRenderer.render(target(DOCKERFILE, "release/1.4"), settings(null));
    golden("job-dockerfile", List.of(job));
    var build = job.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(build.getArgs())
        .contains(
            "--dockerfile=/workspace/build/Dockerfile",
            "--digest-file=/dev/termination-log",
            "--destination=registry.acme.internal/apps/payments/checkout:release-1.4-0b6f6a52");
    assertThat(build.getSecurityContext().getPrivileged()).isFalse();
    assertThat(build.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
  }

  @Test
  void onShipwrightABuildIsABuildAndItsBuildRun() throws Exception {
    List<HasMetadata> objects =
        List.copyOf(
            ShipwrightRenderer.render(target(BUILDPACK, "main"), settings("registry-push")));
    golden("shipwright-buildpack", objects);
    assertThat(objects).extracting(HasMetadata::getKind).containsExactly("Build", "BuildRun");
  }

  @Test
  void aBuildpackTheConfigDoesNotOfferIsRefused() {
    var source = new BuildSource("https://github.com/acme/checkout", "cobol", null);
    assertThatThrownBy(() -> BuildJobRenderer.render(target(source, null), settings(null)))
        .hasMessageContaining("cobol");
  }

  @Test
  void digestsAreReadFromCreatorReportsAndKanikoDigestFiles() {
    String digest = "sha256:" + "ab".repeat(32);
    assertThat(
            BuildResult.digestIn(
                "[image]\n  tags = [\"r/x:1\"]\n  digest = \"" + digest + "\"\n  image-id = \"\""))
        .isEqualTo(digest);
    assertThat(BuildResult.digestIn(digest)).isEqualTo(digest);
    assertThat(BuildResult.digestIn("ERROR: failed to build")).isNull();
    assertThat(target(BUILDPACK, null).imageFor(digest))
        .isEqualTo("registry.acme.internal/apps/payments/checkout@" + digest);
    assertThat(target(BUILDPACK, null).image())
        .isEqualTo("registry.acme.internal/apps/payments/checkout:build-0b6f6a52");
  }

  @Test
  void theDeployedSpecIsTheAppWithTheBuiltImage() throws Exception {
    ObjectNode spec =
        (ObjectNode)
            EventJson.mapper()
                .readTree(
                    "{\"name\":\"checkout\",\"gitRepo\":\"https://github.com/acme/checkout\","
                        + "\"buildpack\":\"java\",\"port\":8080}");
    ObjectNode deployed = BuildSource.deploySpec(spec, "r/x@sha256:" + "ab".repeat(32));
    assertThat(deployed.has("gitRepo")).isFalse();
    assertThat(deployed.has("buildpack")).isFalse();
    assertThat(deployed.path("port").asInt()).isEqualTo(8080);
    assertThat(spec.has("gitRepo")).as("the source spec is kept").isTrue();
  }

  private static void golden(String name, List<? extends HasMetadata> objects) throws Exception {
    String yaml = objects.stream().map(Serialization::asYaml).reduce("", (a, b) -> a + b);
    Path file = Path.of("src/test/resources/golden/builds/" + name + ".yaml");
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(file, yaml);
    }
    assertThat(yaml).isEqualTo(Files.readString(file));
  }
}
