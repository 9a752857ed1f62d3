package dev.slipway.testkit.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;

/** A cluster Slipway did not start (kind, k3d, EKS, ...), reached through its kubeconfig. */
final class ExternalCluster implements KubernetesCluster {
  private final Path kubeconfig;
  private final KubernetesClient admin;

  ExternalCluster(Path kubeconfig) {
    this.kubeconfig = kubeconfig;
    Config config = Config.fromKubeconfig(kubeconfig.toFile());
    this.admin = new KubernetesClientBuilder().withConfig(config).build();
  }

  @Override
  public Path kubeconfig() {
    return kubeconfig;
  }

  @Override
  public String apiServerUrl() {
    return admin.getConfiguration().getMasterUrl();
  }

  @Override
  public KubernetesClient adminClient() {
    return admin;
  }

  @Override
  public String toString() {
    return "cluster from " + kubeconfig + " (" + apiServerUrl() + ")";
  }
}
