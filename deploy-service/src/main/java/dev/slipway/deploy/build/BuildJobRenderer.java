package dev.slipway.deploy.build;

import dev.slipway.kit.kubernetes.Labels;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pure: a build as a Kubernetes Job. An init container fetches the revision into an emptyDir; the
 * build container is Cloud Native Buildpacks' {@code creator} (buildpacks) or kaniko's executor
 * (Dockerfile), pushing to the configured registry. Each writes the pushed digest to the
 * termination message: creator its report ({@code digest = "sha256:..."}), kaniko its digest file.
 */
public final class BuildJobRenderer {

  public static final String BUILD_LABEL = "slipway.dev/build";
  public static final String BUILD_CONTAINER = "build";
  static final String TERMINATION_LOG = "/dev/termination-log";
  // The paketo builders run their buildpacks as cnb (uid 1001, gid 1000).
  private static final long CNB_USER = 1001L;
  private static final long CNB_GROUP = 1000L;
  // Fetch exactly one revision; values come in through the environment, never into the script.
  private static final String FETCH =
      "set -eu; git init -q /workspace; cd /workspace;"
          + " git fetch -q --depth 1 -- \"$GIT_URL\" \"${GIT_REVISION:-HEAD}\";"
          + " git checkout -q FETCH_HEAD; git rev-parse HEAD";

  private BuildJobRenderer() {}

  public static Job render(BuildTarget target, BuildSettings settings) {
    boolean dockerfile = target.source().usesDockerfile();
    Map<String, String> labels = labels(target);
    List<Volume> volumes = new ArrayList<>();
    volumes.add(emptyDir("workspace"));
    volumes.add(emptyDir("tmp"));
    if (!dockerfile) {
      volumes.add(emptyDir("layers"));
      volumes.add(emptyDir("platform"));
    }
    if (settings.registrySecret() != null) {
      volumes.add(
          new VolumeBuilder()
              .withName("registry-credentials")
              .withNewSecret()
              .withSecretName(settings.registrySecret())
              .addNewItem()
              .withKey(".dockerconfigjson")
              .withPath("config.json")
              .endItem()
              .endSecret()
              .build());
    }
    return new JobBuilder()
        .withNewMetadata()
        .withName(target.objectName())
        .withNamespace(target.namespace())
        .withLabels(labels)
        .withAnnotations(annotations(target))
        .endMetadata()
        .withNewSpec()
        .withBackoffLimit(0)
        .withActiveDeadlineSeconds(settings.timeoutSeconds())
        .withTtlSecondsAfterFinished(settings.keepFinishedSeconds())
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withRestartPolicy("Never")
        .withNodeSelector(settings.nodeSelector().isEmpty() ? null : settings.nodeSelector())
        .withAutomountServiceAccountToken(false)
        .withEnableServiceLinks(false)
        .withNewSecurityContext()
        .withRunAsNonRoot(!dockerfile)
        .withRunAsUser(dockerfile ? 0L : CNB_USER)
        .withRunAsGroup(dockerfile ? 0L : CNB_GROUP)
        .withFsGroup(dockerfile ? null : CNB_GROUP)
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .endSecurityContext()
        .withInitContainers(fetch(target, settings))
        .withContainers(dockerfile ? kaniko(target, settings) : creator(target, settings))
        .withVolumes(volumes)
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  static Map<String, String> labels(BuildTarget target) {
    Map<String, String> labels =
        new LinkedHashMap<>(Labels.app(target.team(), target.environment(), target.app()));
    labels.put(BUILD_LABEL, target.buildId().toString());
    return labels;
  }

  static Map<String, String> annotations(BuildTarget target) {
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put("slipway.dev/git-repo", target.source().gitRepo());
    if (target.revision() != null) {
      annotations.put("slipway.dev/revision", target.revision());
    }
    annotations.put("slipway.dev/image", target.image());
    return annotations;
  }

  private static Container fetch(BuildTarget target, BuildSettings settings) {
    List<EnvVar> env = new ArrayList<>();
    env.add(new EnvVar("GIT_URL", target.source().gitRepo(), null));
    if (target.revision() != null) {
      env.add(new EnvVar("GIT_REVISION", target.revision(), null));
    }
    env.add(new EnvVar("HOME", "/tmp", null));
    return new ContainerBuilder()
        .withName("source")
        .withImage(settings.gitImage())
        .withCommand("sh", "-c", FETCH)
        .withEnv(env)
        .withResources(resources(settings))
        .withSecurityContext(restricted())
        .withVolumeMounts(mount("workspace", "/workspace"), mount("tmp", "/tmp"))
        .build();
  }

  private static Container creator(BuildTarget target, BuildSettings settings) {
    String builder = settings.builders().get(target.source().buildpack());
    if (builder == null) {
      throw new IllegalArgumentException(
          "no builder image is configured for buildpack " + target.source().buildpack());
    }
    List<VolumeMount> mounts = new ArrayList<>();
    mounts.add(mount("workspace", "/workspace"));
    mounts.add(mount("layers", "/layers"));
    mounts.add(mount("platform", "/platform"));
    mounts.add(mount("tmp", "/tmp"));
    List<EnvVar> env = new ArrayList<>();
    env.add(new EnvVar("CNB_PLATFORM_API", "0.12", null));
    if (settings.registrySecret() != null) {
      mounts.add(readOnly("registry-credentials", "/docker-config"));
      env.add(new EnvVar("DOCKER_CONFIG", "/docker-config", null));
    }
    return new ContainerBuilder()
        .withName(BUILD_CONTAINER)
        .withImage(builder)
        .withCommand("/cnb/lifecycle/creator")
        .withArgs(
            "-app=/workspace",
            "-layers=/layers",
            "-platform=/platform",
            "-report=" + TERMINATION_LOG,
            target.image())
        .withEnv(env)
        .withResources(resources(settings))
        .withSecurityContext(restricted())
        .withTerminationMessagePath(TERMINATION_LOG)
        .withTerminationMessagePolicy("FallbackToLogsOnError")
        .withVolumeMounts(mounts)
        .build();
  }

  private static Container kaniko(BuildTarget target, BuildSettings settings) {
    List<VolumeMount> mounts = new ArrayList<>();
    mounts.add(mount("workspace", "/workspace"));
    mounts.add(mount("tmp", "/tmp"));
    if (settings.registrySecret() != null) {
      mounts.add(readOnly("registry-credentials", "/kaniko/.docker"));
    }
    return new ContainerBuilder()
        .withName(BUILD_CONTAINER)
        .withImage(settings.dockerfileBuilder())
        .withArgs(
            "--context=dir:///workspace",
            "--dockerfile=/workspace/" + target.source().dockerfile(),
            "--destination=" + target.image(),
            "--digest-file=" + TERMINATION_LOG)
        .withResources(resources(settings))
        .withSecurityContext(kanikoContext())
        .withTerminationMessagePath(TERMINATION_LOG)
        .withTerminationMessagePolicy("FallbackToLogsOnError")
        .withVolumeMounts(mounts)
        .build();
  }

  /**
   * Non-root, no privilege, no escalation, no capabilities, nothing written outside the volumes.
   */
  private static SecurityContext restricted() {
    return new SecurityContextBuilder()
        .withPrivileged(false)
        .withAllowPrivilegeEscalation(false)
        .withReadOnlyRootFilesystem(true)
        .withRunAsNonRoot(true)
        .withRunAsUser(CNB_USER)
        .withRunAsGroup(CNB_GROUP)
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities()
        .build();
  }

  /**
   * kaniko unpacks the base image into its own root file system, as root, so it needs a writable
   * root and the file-ownership capabilities: still no privileged mode, no escalation, no host
   * access, and nothing else added.
   */
  private static SecurityContext kanikoContext() {
    return new SecurityContextBuilder()
        .withPrivileged(false)
        .withAllowPrivilegeEscalation(false)
        .withReadOnlyRootFilesystem(false)
        .withNewCapabilities()
        .withDrop("ALL")
        .withAdd("CHOWN", "DAC_OVERRIDE", "FOWNER", "SETGID", "SETUID")
        .endCapabilities()
        .build();
  }

  private static ResourceRequirements resources(BuildSettings settings) {
    var r = settings.resources();
    return new ResourceRequirementsBuilder()
        .addToRequests("cpu", new Quantity(r.requestsCpu()))
        .addToRequests("memory", new Quantity(r.requestsMemory()))
        .addToLimits("cpu", new Quantity(r.limitsCpu()))
        .addToLimits("memory", new Quantity(r.limitsMemory()))
        .build();
  }

  private static Volume emptyDir(String name) {
    return new VolumeBuilder().withName(name).withNewEmptyDir().endEmptyDir().build();
  }

  private static VolumeMount mount(String name, String path) {
    return new VolumeMountBuilder().withName(name).withMountPath(path).build();
  }

  private static VolumeMount readOnly(String name, String path) {
    return new VolumeMountBuilder().withName(name).withMountPath(path).withReadOnly(true).build();
  }
}
