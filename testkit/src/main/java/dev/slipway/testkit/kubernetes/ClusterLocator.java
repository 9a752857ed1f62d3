package dev.slipway.testkit.kubernetes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Which Kubernetes API tests and the local run use: a real cluster when {@code SLIPWAY_KUBECONFIG}
 * or {@code KUBECONFIG} names a kubeconfig file, else the {@link LocalKubernetes} of this JVM.
 *
 * <p>Tests only create and delete their own {@code <prefix>-<random>} namespaces and apply
 * Slipway's own RBAC, but they do so with the kubeconfig's identity: point them at a disposable
 * cluster.
 */
public final class ClusterLocator {
  private ClusterLocator() {}

  public static KubernetesCluster locate() {
    return kubeconfigFromEnvironment()
        .<KubernetesCluster>map(ExternalCluster::new)
        .orElseGet(LocalKubernetes::shared);
  }

  static Optional<Path> kubeconfigFromEnvironment() {
    for (String variable : new String[] {"SLIPWAY_KUBECONFIG", "KUBECONFIG"}) {
      String value = System.getenv(variable);
      if (value == null || value.isBlank()) {
        continue;
      }
      // KUBECONFIG may be a list; like kubectl, the first file is the one that holds the context.
      Path path = Path.of(value.split(java.io.File.pathSeparator)[0]);
      if (!Files.isRegularFile(path)) {
        throw new IllegalStateException(variable + "=" + value + " is not a kubeconfig file");
      }
      return Optional.of(path);
    }
    return Optional.empty();
  }
}
