package dev.slipway.deploy.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The app spec with every default of its golden path filled in: what gets rendered, and what {@code
 * GET .../apps/{app}} shows. {@code goldenPath} names the version that produced it ({@code web@1}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EffectiveSpec(
    String name,
    WorkloadType type,
    String image,
    Integer port,
    Integer replicas,
    Resources resources,
    List<EnvVar> env,
    Autoscaling autoscaling,
    Probes probes,
    String host,
    String schedule,
    String goldenPath,
    List<Patch> patches,
    Map<String, String> secretVersions) {

  /**
   * The same spec with the version hash of each secret it references, stamped on the pod template
   * ({@code slipway.dev/secret-<name>}) so that a new secret version rolls the pods. Null when it
   * references none, so specs without secrets render as before.
   */
  public EffectiveSpec withSecretVersions(Map<String, String> versions) {
    return new EffectiveSpec(
        name,
        type,
        image,
        port,
        replicas,
        resources,
        env,
        autoscaling,
        probes,
        host,
        schedule,
        goldenPath,
        patches,
        versions == null || versions.isEmpty() ? null : new TreeMap<>(versions));
  }

  /** The names of the secrets the env vars reference. */
  public Set<String> referencedSecrets() {
    Set<String> names = new TreeSet<>();
    for (EnvVar variable : env == null ? List.<EnvVar>of() : env) {
      if (variable instanceof EnvVar.SecretRef ref) {
        names.add(ref.secret());
      }
    }
    return names;
  }

  public record Resources(
      String requestsCpu, String requestsMemory, String limitsCpu, String limitsMemory) {}

  public record Autoscaling(boolean enabled, int minReplicas, int maxReplicas, int targetCpu) {}

  public record Probes(String livenessPath, String readinessPath) {}

  /** A literal (rendered into the app's ConfigMap), or a reference resolved by Kubernetes. */
  public sealed interface EnvVar {
    String name();

    record Literal(String name, String value) implements EnvVar {}

    record SecretRef(String name, String secret, String key) implements EnvVar {}

    record ConfigRef(String name, String configMap, String key) implements EnvVar {}
  }
}
