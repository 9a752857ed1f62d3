package dev.slipway.launcher.infra;

import dev.slipway.launcher.DevSettings;
import dev.slipway.testkit.kubernetes.LocalKubernetes;
import java.nio.file.Path;

/**
 * The local control plane (etcd, kube-apiserver, kube-controller-manager) with its data in {@code
 * .slipway/kube}, or the cluster of {@code KUBECONFIG}. The value is the kubeconfig the services
 * and the developer's kubectl use.
 */
public final class KubernetesStarter {
  private KubernetesStarter() {}

  public static Started<Path> start(DevSettings settings) {
    if (settings.kubeconfig().isPresent()) {
      Path kubeconfig = settings.kubeconfig().get().toAbsolutePath();
      return new Started<>(kubeconfig, "KUBECONFIG " + kubeconfig, () -> {});
    }
    LocalKubernetes cluster = LocalKubernetes.start(settings.dataDir().resolve("kube"));
    return new Started<>(cluster.kubeconfig(), cluster.apiServerUrl(), cluster::stop);
  }
}
