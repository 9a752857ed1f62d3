package dev.slipway.deploy.kubernetes.model;

import dev.slipway.deploy.domain.EffectiveSpec;
import dev.slipway.deploy.domain.EffectiveSpec.EnvVar;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;
import java.util.TreeMap;

/**
 * The pod every golden path runs: the platform's security defaults (non-root, no privilege
 * escalation, read-only root file system, all capabilities dropped, seccomp RuntimeDefault), limits
 * always set, literal env vars read from the app's ConfigMap.
 */
public final class PodTemplates {

  static final String PORT_NAME = "http";
  static final String CONFIG_HASH = "slipway.dev/config-hash";
  public static final String SECRET_VERSION_PREFIX = "slipway.dev/secret-";

  private PodTemplates() {}

  static PodTemplateSpec pod(
      AppTarget target, EffectiveSpec spec, String configMap, String configHash, String restart) {
    var builder =
        new PodTemplateSpecBuilder()
            .withNewMetadata()
            .withLabels(target.labels())
            .endMetadata()
            .withNewSpec()
            .withAutomountServiceAccountToken(false)
            .withNewSecurityContext()
            .withRunAsNonRoot(true)
            .withNewSeccompProfile()
            .withType("RuntimeDefault")
            .endSeccompProfile()
            .endSecurityContext()
            .withContainers(container(spec, configMap))
            // A read-only root file system still needs somewhere to write temporary files.
            .addNewVolume()
            .withName("tmp")
            .withNewEmptyDir()
            .endEmptyDir()
            .endVolume()
            .endSpec();
    if (restart != null) {
      builder.editSpec().withRestartPolicy(restart).endSpec();
    }
    // A changed ConfigMap or Secret does not restart pods by itself; a changed template does.
    Map<String, String> annotations = new TreeMap<>();
    if (configHash != null) {
      annotations.put(CONFIG_HASH, configHash);
    }
    if (spec.secretVersions() != null) {
      spec.secretVersions()
          .forEach((name, hash) -> annotations.put(SECRET_VERSION_PREFIX + name, hash));
    }
    if (!annotations.isEmpty()) {
      builder.editMetadata().withAnnotations(annotations).endMetadata();
    }
    return builder.build();
  }

  private static Container container(EffectiveSpec spec, String configMap) {
    var resources = spec.resources();
    var builder =
        new ContainerBuilder()
            .withName(spec.name())
            .withImage(spec.image())
            .withEnv(spec.env().stream().map(v -> envVar(v, configMap)).toList())
            .withNewResources()
            .withRequests(quantities(resources.requestsCpu(), resources.requestsMemory()))
            .withLimits(quantities(resources.limitsCpu(), resources.limitsMemory()))
            .endResources()
            .withNewSecurityContext()
            .withRunAsNonRoot(true)
            .withAllowPrivilegeEscalation(false)
            .withReadOnlyRootFilesystem(true)
            .withNewCapabilities()
            .withDrop("ALL")
            .endCapabilities()
            .endSecurityContext()
            .addNewVolumeMount()
            .withName("tmp")
            .withMountPath("/tmp")
            .endVolumeMount();
    if (spec.port() != null) {
      builder
          .addNewPort()
          .withName(PORT_NAME)
          .withContainerPort(spec.port())
          .withProtocol("TCP")
          .endPort();
      var probes = spec.probes();
      if (probes != null && probes.livenessPath() != null) {
        builder
            .withNewLivenessProbe()
            .withNewHttpGet()
            .withPath(probes.livenessPath())
            .withPort(new IntOrString(PORT_NAME))
            .endHttpGet()
            .endLivenessProbe();
      }
      if (probes != null && probes.readinessPath() != null) {
        builder
            .withNewReadinessProbe()
            .withNewHttpGet()
            .withPath(probes.readinessPath())
            .withPort(new IntOrString(PORT_NAME))
            .endHttpGet()
            .endReadinessProbe();
      }
    }
    return builder.build();
  }

  /** Sorted, so rendering is byte-for-byte repeatable (golden files, plan hashes). */
  private static Map<String, Quantity> quantities(String cpu, String memory) {
    return new TreeMap<>(Map.of("cpu", new Quantity(cpu), "memory", new Quantity(memory)));
  }

  private static io.fabric8.kubernetes.api.model.EnvVar envVar(EnvVar variable, String configMap) {
    var builder = new EnvVarBuilder().withName(variable.name());
    if (variable instanceof EnvVar.SecretRef ref) {
      return builder
          .withNewValueFrom()
          .withNewSecretKeyRef()
          .withName(ref.secret())
          .withKey(ref.key())
          .endSecretKeyRef()
          .endValueFrom()
          .build();
    }
    String name = configMap;
    String key = variable.name();
    if (variable instanceof EnvVar.ConfigRef ref) {
      name = ref.configMap();
      key = ref.key();
    }
    return builder
        .withNewValueFrom()
        .withNewConfigMapKeyRef()
        .withName(name)
        .withKey(key)
        .endConfigMapKeyRef()
        .endValueFrom()
        .build();
  }
}
