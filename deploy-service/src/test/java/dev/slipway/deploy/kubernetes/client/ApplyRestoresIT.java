package dev.slipway.deploy.kubernetes.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.kit.kubernetes.ApplyException;
import dev.slipway.kit.kubernetes.Labels;
import dev.slipway.kit.kubernetes.ServerSideApplier;
import dev.slipway.testkit.kubernetes.KubernetesTestResource;
import dev.slipway.testkit.kubernetes.LocalKubernetes;
import dev.slipway.testkit.quarkus.SlipwayInfrastructure;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * deploy-service keeps every restore its applier performs: the generations a failed change and its
 * undoing left on a Deployment are accounted for, not just logged.
 */
@QuarkusTest
@QuarkusTestResource(
    value = SlipwayInfrastructure.class,
    restrictToAnnotatedClass = false,
    initArgs = @ResourceArg(name = "database", value = "deploy"))
@QuarkusTestResource(value = KubernetesTestResource.class, restrictToAnnotatedClass = false)
class ApplyRestoresIT {

  @Inject ServerSideApplier applier;
  @Inject Pool pool;

  @Test
  void aRestoreThatPutsATemplateBackIsRecordedWithTheGenerationsItLeft() {
    String namespace = LocalKubernetes.shared().createTestNamespace("restores");
    applier.applyAll(List.of(deployment(namespace, "example/web:1")));

    List<HasMetadata> change =
        List.of(deployment(namespace, "example/web:2"), invalidService(namespace));
    assertThatThrownBy(() -> applier.applyAllConcurrently(change))
        .isInstanceOf(ApplyException.class);

    var live =
        LocalKubernetes.shared()
            .adminClient()
            .apps()
            .deployments()
            .inNamespace(namespace)
            .withName("web")
            .get();
    assertThat(live.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("example/web:1");
    List<String> rows = new ArrayList<>();
    for (Row row :
        pool.preparedQuery(
                "select kind, name, generation_before, generation_after from apply_restore"
                    + " where namespace = $1 order by id")
            .execute(Tuple.of(namespace))
            .await()
            .indefinitely()) {
      rows.add(
          row.getString("kind")
              + " "
              + row.getString("name")
              + " "
              + row.getLong("generation_before")
              + "->"
              + row.getLong("generation_after"));
    }
    assertThat(rows).contains("Deployment web 1->" + live.getMetadata().getGeneration());
    assertThat(live.getMetadata().getGeneration()).isEqualTo(3L);
  }

  private static HasMetadata deployment(String namespace, String image) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName("web")
        .withNamespace(namespace)
        .withLabels(Map.of(Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE))
        .endMetadata()
        .withNewSpec()
        .withNewSelector()
        .addToMatchLabels("app", "web")
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .addToLabels("app", "web")
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("web")
        .withImage(image)
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  /** Slipway's renderer never makes it: the API server refuses port 0, after the Deployment. */
  private static HasMetadata invalidService(String namespace) {
    return new ServiceBuilder()
        .withNewMetadata()
        .withName("web")
        .withNamespace(namespace)
        .withLabels(Map.of(Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE))
        .endMetadata()
        .withNewSpec()
        .addNewPort()
        .withPort(0)
        .endPort()
        .endSpec()
        .build();
  }
}
