package dev.slipway.deploy.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.events.BuildStarted;
import dev.slipway.events.EventCatalog;
import dev.slipway.events.EventJson;
import dev.slipway.testkit.kafka.CloudEventRecords;
import dev.slipway.testkit.kubernetes.KubernetesTestResource;
import dev.slipway.testkit.kubernetes.LocalKubernetes;
import dev.slipway.testkit.quarkus.SlipwayInfrastructure;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With Shipwright's Build and BuildRun served by the API server (their CRDs installed), a build is
 * Shipwright objects instead of a Job, and the digest comes from the BuildRun's status. The CRDs
 * are removed afterwards: the other tests of this JVM build with Jobs.
 */
@QuarkusTest
@QuarkusTestResource(
    value = SlipwayInfrastructure.class,
    restrictToAnnotatedClass = false,
    initArgs = @ResourceArg(name = "database", value = "deploy"))
@QuarkusTestResource(value = KubernetesTestResource.class, restrictToAnnotatedClass = false)
class ShipwrightBuildIT {

  static final String NAMESPACE = "payments-dev";
  private final CloudEventRecords kafka = CloudEventRecords.onSharedBroker();

  @BeforeAll
  static void installShipwright() {
    KubernetesClient admin = LocalKubernetes.shared().adminClient();
    admin
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .serverSideApply();
    for (HasMetadata crd : crds(admin)) {
      admin.resource(crd).fieldManager("shipwright-it").forceConflicts().serverSideApply();
    }
    Awaitility.await("Shipwright's BuildRun API served")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(250, TimeUnit.MILLISECONDS)
        .until(() -> admin.supports(ShipwrightRenderer.API_VERSION, ShipwrightRenderer.BUILD_RUN));
  }

  @AfterAll
  static void removeShipwright() {
    KubernetesClient admin = LocalKubernetes.shared().adminClient();
    for (HasMetadata crd : crds(admin)) {
      admin.resource(crd).delete();
    }
    Awaitility.await("Shipwright's BuildRun API gone")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(250, TimeUnit.MILLISECONDS)
        .until(() -> !admin.supports(ShipwrightRenderer.API_VERSION, ShipwrightRenderer.BUILD_RUN));
  }

  private static List<HasMetadata> crds(KubernetesClient admin) {
    return admin.load(ShipwrightBuildIT.class.getResourceAsStream("/shipwright/crds.yaml")).items();
  }

  @Test
  void onAClusterWithShipwrightABuildIsABuildRunAndItsDigestIsDeployed() throws Exception {
    String app = "shipped-" + UUID.randomUUID().toString().substring(0, 8);
    String operationId = UUID.randomUUID().toString();
    kafka.publish(
        "slipway.deploy",
        "payments/dev/" + app,
        EventCatalog.DEPLOY_REQUESTED.ceType(),
        BuildFlowIT.deployRequest(app, operationId).toString());

    BuildStarted started = await(operationId, EventCatalog.BUILD_STARTED);
    assertThat(started.engine()).isEqualTo("shipwright");
    KubernetesClient admin = LocalKubernetes.shared().adminClient();
    GenericKubernetesResource build =
        admin
            .genericKubernetesResources(ShipwrightRenderer.API_VERSION, "Build")
            .inNamespace(NAMESPACE)
            .withName(started.object())
            .get();
    assertThat(build).as("the Build was applied").isNotNull();
    assertThat(build.getMetadata().getManagedFields())
        .anySatisfy(f -> assertThat(f.getManager()).isEqualTo("slipway-deploy"));
    assertThat(build.<String>get("spec", "source", "git", "url"))
        .isEqualTo("https://github.com/acme/" + app);
    assertThat(build.<String>get("spec", "strategy", "name")).isEqualTo("buildpacks-v3");
    assertThat(admin.batch().v1().jobs().inNamespace(NAMESPACE).withName(started.object()).get())
        .as("no Job besides Shipwright")
        .isNull();

    // What Shipwright's controller writes when the run succeeded.
    String digest = "sha256:" + "5e".repeat(32);
    admin
        .genericKubernetesResources(ShipwrightRenderer.API_VERSION, ShipwrightRenderer.BUILD_RUN)
        .inNamespace(NAMESPACE)
        .withName(started.object())
        .editStatus(
            run -> {
              run.setAdditionalProperty(
                  "status",
                  Map.of(
                      "conditions",
                      List.of(
                          Map.of(
                              "type", "Succeeded",
                              "status", "True",
                              "reason", "Succeeded",
                              "message", "All Steps have completed executing")),
                      "output",
                      Map.of("digest", digest)));
              return run;
            });

    var succeeded = await(operationId, EventCatalog.BUILD_SUCCEEDED);
    assertThat(succeeded.image())
        .isEqualTo("registry.slipway.test/apps/payments/" + app + "@" + digest);
    assertThat(await(operationId, EventCatalog.DEPLOY_COMPLETED).revision()).isEqualTo(1);
  }

  private <T extends dev.slipway.events.SlipwayEvent> T await(
      String operationId, dev.slipway.events.EventType<T> type) {
    var found =
        kafka.await(
            "slipway.deploy",
            CloudEventRecords.ofType(type.ceType()).and(r -> r.value().contains(operationId)),
            1,
            BuildFlowIT.WAIT);
    assertThat(found).as(type.ceType() + " for " + operationId).isNotEmpty();
    return EventJson.read(type, found.get(0).value());
  }
}
