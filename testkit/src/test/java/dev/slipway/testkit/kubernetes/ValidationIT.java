package dev.slipway.testkit.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;

/** The API server's own validation, with field paths Slipway can turn into problem+json errors. */
class ValidationIT {
  private final KubernetesCluster cluster = ClusterLocator.locate();
  private final KubernetesClient client = cluster.adminClient();

  @Test
  void negativeReplicasAndAnInvalidContainerNameAreRejectedWithTheirFieldPaths() {
    String namespace = cluster.createTestNamespace("validation");
    Deployment invalid =
        new DeploymentBuilder(Workloads.deployment(namespace, "checkout", -1))
            .editSpec()
            .editTemplate()
            .editSpec()
            .editFirstContainer()
            .withName("Not_A_DNS_Label")
            .endContainer()
            .endSpec()
            .endTemplate()
            .endSpec()
            .build();

    KubernetesClientException rejected =
        catchThrowableOfType(
            KubernetesClientException.class,
            () -> client.resource(invalid).fieldManager("slipway-deploy").serverSideApply());

    assertThat(rejected.getCode()).isEqualTo(422);
    assertThat(rejected.getStatus().getReason()).isEqualTo("Invalid");
    assertThat(rejected.getStatus().getDetails().getCauses())
        .extracting(StatusCause::getField)
        .contains("spec.replicas", "spec.template.spec.containers[0].name");
    assertThat(client.apps().deployments().inNamespace(namespace).withName("checkout").get())
        .isNull();
  }
}
