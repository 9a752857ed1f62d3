package dev.slipway.testkit.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The config the test resource hands a Quarkus app builds a working, TLS-verifying client. */
class KubernetesTestResourceIT {

  @Test
  void givesTheAppTheServiceAccountItAskedFor() {
    KubernetesTestResource resource = new KubernetesTestResource();
    resource.init(Map.of(KubernetesTestResource.SERVICE_ACCOUNT_ARG, "deploy-service"));
    Map<String, String> config = resource.start();

    assertThat(config)
        .containsKeys(
            "quarkus.kubernetes-client.api-server-url",
            "quarkus.kubernetes-client.token",
            "quarkus.kubernetes-client.ca-cert-data",
            KubernetesTestResource.KUBECONFIG_PROPERTY)
        .containsEntry("quarkus.kubernetes-client.trust-certs", "false");
    assertThat(Path.of(config.get(KubernetesTestResource.KUBECONFIG_PROPERTY)))
        .satisfies(Files::exists);

    // What the Quarkus extension does with these keys, in short.
    Config clientConfig =
        new ConfigBuilder(Config.empty())
            .withMasterUrl(config.get("quarkus.kubernetes-client.api-server-url"))
            .withOauthToken(config.get("quarkus.kubernetes-client.token"))
            .withCaCertData(config.get("quarkus.kubernetes-client.ca-cert-data"))
            .withTrustCerts(false)
            .build();
    String namespace = ClusterLocator.locate().createTestNamespace("test-resource");
    try (KubernetesClient app = new KubernetesClientBuilder().withConfig(clientConfig).build()) {
      assertThat(app.apps().deployments().inNamespace(namespace).list().getItems()).isEmpty();
      KubernetesClientException denied =
          catchThrowableOfType(
              KubernetesClientException.class, () -> app.secrets().inNamespace(namespace).list());
      assertThat(denied.getCode()).isEqualTo(403);
    }
    resource.stop();
  }
}
