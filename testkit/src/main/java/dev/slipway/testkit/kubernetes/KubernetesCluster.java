package dev.slipway.testkit.kubernetes;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Locale;

/**
 * A Kubernetes API that tests and the local run talk to: the {@link LocalKubernetes} started here,
 * or a real cluster from a kubeconfig ({@link ClusterLocator}). Everything past the admin client is
 * plain Kubernetes API, so it works the same on both.
 */
public interface KubernetesCluster {

  /** A kubeconfig file for an admin; kubectl and any fabric8 client work with it. */
  Path kubeconfig();

  String apiServerUrl();

  /** Shared, do not close. */
  KubernetesClient adminClient();

  /**
   * A token for the ServiceAccount from the TokenRequest API (valid one hour), to run code with
   * exactly the RBAC that ServiceAccount has in production.
   */
  default String serviceAccountToken(String namespace, String serviceAccount) {
    return adminClient()
        .serviceAccounts()
        .inNamespace(namespace)
        .withName(serviceAccount)
        .tokenRequest(
            new TokenRequestBuilder().withNewSpec().withExpirationSeconds(3600L).endSpec().build())
        .getStatus()
        .getToken();
  }

  /** A new client that authenticates with {@code token} only; the caller closes it. */
  default KubernetesClient clientFor(String token) {
    Config admin = adminClient().getConfiguration();
    // Config.empty(), not new ConfigBuilder(): the latter would read ~/.kube/config and env vars.
    Config config =
        new ConfigBuilder(Config.empty())
            .withMasterUrl(admin.getMasterUrl())
            .withCaCertData(admin.getCaCertData())
            .withCaCertFile(admin.getCaCertFile())
            .withTrustCerts(admin.isTrustCerts())
            .withDisableHostnameVerification(admin.isDisableHostnameVerification())
            .withOauthToken(token)
            .build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  /**
   * Creates a namespace named {@code <prefix>-<random>} so that tests sharing one API server never
   * see each other's objects. Labelled {@code slipway.dev/test=true} for cleanup on real clusters.
   */
  default String createTestNamespace(String prefix) {
    String base = prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    base = base.substring(0, Math.min(base.length(), 50)).replaceAll("^-+|-+$", "");
    String name = (base.isEmpty() ? "test" : base) + "-" + randomSuffix();
    adminClient()
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(name)
                .addToLabels("slipway.dev/test", "true")
                .endMetadata()
                .build())
        .create();
    return name;
  }

  private static String randomSuffix() {
    String alphabet = "bcdfghjklmnpqrstvwxz2456789";
    SecureRandom random = new SecureRandom();
    StringBuilder suffix = new StringBuilder();
    for (int i = 0; i < 6; i++) {
      suffix.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return suffix.toString();
  }
}
