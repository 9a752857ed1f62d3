package dev.slipway.deploy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.events.EventCatalog;
import dev.slipway.events.EventJson;
import dev.slipway.events.EventType;
import dev.slipway.testkit.kafka.CloudEventRecords;
import dev.slipway.testkit.kubernetes.KubernetesTestResource;
import dev.slipway.testkit.kubernetes.LocalKubernetes;
import dev.slipway.testkit.oidc.TestOidcServer;
import dev.slipway.testkit.quarkus.SlipwayInfrastructure;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A clone's apps: deployed from the source's specs with overrides, counted, forgotten on delete.
 */
@QuarkusTest
@QuarkusTestResource(
    value = SlipwayInfrastructure.class,
    restrictToAnnotatedClass = false,
    initArgs = @ResourceArg(name = "database", value = "deploy"))
@QuarkusTestResource(value = KubernetesTestResource.class, restrictToAnnotatedClass = false)
class CloneDeployIT {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private final CloudEventRecords kafka = CloudEventRecords.onSharedBroker();
  private final KubernetesClient admin = LocalKubernetes.shared().adminClient();

  @Test
  void everyAppOfTheSourceIsDeployedIntoTheCloneWithOverridesThenForgottenOnDelete()
      throws Exception {
    String source = "src-" + shortId();
    String clone = "clone-" + shortId();
    namespace("payments-" + source);
    namespace("payments-" + clone);
    List<String> apps = List.of("cart-" + shortId(), "shop-" + shortId());
    for (String app : apps) {
      ObjectNode request = DeployFlowIT.request(app, source);
      kafka.publish(
          "slipway.deploy",
          "payments/" + source + "/" + app,
          EventCatalog.DEPLOY_REQUESTED.ceType(),
          request.toString());
      awaitOn(
          "slipway.deploy", request.path("operationId").asText(), EventCatalog.DEPLOY_COMPLETED);
    }

    String operationId = UUID.randomUUID().toString();
    ObjectNode cloned = example(EventCatalog.ENVIRONMENT_CLONED);
    cloned.put("operationId", operationId);
    cloned.put("source", source);
    cloned.put("environment", clone);
    cloned.put("namespace", "payments-" + clone);
    cloned.put("kind", "preview");
    cloned.putObject("overrides").put("replicas", 1);
    kafka.publish(
        "slipway.environment",
        "payments/" + clone,
        EventCatalog.ENVIRONMENT_CLONED.ceType(),
        cloned.toString());

    var completed =
        EventJson.read(
            EventCatalog.ENVIRONMENT_CLONE_COMPLETED,
            awaitOn("slipway.environment", operationId, EventCatalog.ENVIRONMENT_CLONE_COMPLETED)
                .value());
    assertThat(completed.apps()).containsExactlyInAnyOrderElementsOf(apps);
    var progress =
        kafka.await(
            "slipway.environment",
            r ->
                r.value().contains(operationId)
                    && CloudEventRecords.header(r, "ce_type")
                        .map(t -> t)
                        .filter(t -> true)
                        .orElse("")
                        .equals(EventCatalog.ENVIRONMENT_CLONE_PROGRESSED.ceType()),
            2,
            WAIT);
    assertThat(progress).hasSize(2);
    for (String app : apps) {
      var deployment =
          admin.apps().deployments().inNamespace("payments-" + clone).withName(app).get();
      assertThat(deployment).as("Deployment %s in the clone", app).isNotNull();
      assertThat(deployment.getMetadata().getLabels())
          .containsEntry("slipway.dev/environment", clone);
    }

    ObjectNode deleted = example(EventCatalog.ENVIRONMENT_DELETED);
    deleted.put("operationId", UUID.randomUUID().toString());
    deleted.put("environment", clone);
    deleted.put("namespace", "payments-" + clone);
    kafka.publish(
        "slipway.environment",
        "payments/" + clone,
        EventCatalog.ENVIRONMENT_DELETED.ceType(),
        deleted.toString());
    String alice = TestOidcServer.shared().token("alice", List.of("/teams/payments/developer"));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                given()
                    .auth()
                    .oauth2(alice)
                    .get("/api/v1/teams/payments/environments/" + clone + "/apps/" + apps.get(0))
                    .then()
                    .statusCode(404));
    given()
        .auth()
        .oauth2(alice)
        .get("/api/v1/teams/payments/environments/" + source + "/apps/" + apps.get(0))
        .then()
        .statusCode(200);
  }

  @Test
  void aRedeliveredCloneAppliesAndRecordsEachAppOnceAndFinishesOnce() throws Exception {
    String source = "src-" + shortId();
    String clone = "clone-" + shortId();
    namespace("payments-" + source);
    namespace("payments-" + clone);
    // Three apps, recorded two per transaction in tests: the clone spans two batches.
    List<String> apps = List.of("a-" + shortId(), "b-" + shortId(), "c-" + shortId());
    for (String app : apps) {
      ObjectNode request = DeployFlowIT.request(app, source);
      kafka.publish(
          "slipway.deploy",
          "payments/" + source + "/" + app,
          EventCatalog.DEPLOY_REQUESTED.ceType(),
          request.toString());
      awaitOn(
          "slipway.deploy", request.path("operationId").asText(), EventCatalog.DEPLOY_COMPLETED);
    }

    String operationId = UUID.randomUUID().toString();
    ObjectNode cloned = example(EventCatalog.ENVIRONMENT_CLONED);
    cloned.put("operationId", operationId);
    cloned.put("source", source);
    cloned.put("environment", clone);
    cloned.put("namespace", "payments-" + clone);
    cloned.put("kind", "preview");
    String eventId = UUID.randomUUID().toString();
    // The same event twice, and once more under another id: a producer that republished it
    // after a crash before its outbox row was marked published.
    for (String id : List.of(eventId, eventId, UUID.randomUUID().toString())) {
      kafka.publish(
          "slipway.environment",
          "payments/" + clone,
          EventCatalog.ENVIRONMENT_CLONED.ceType(),
          id,
          cloned.toString());
    }

    awaitOn("slipway.environment", operationId, EventCatalog.ENVIRONMENT_CLONE_COMPLETED);
    Duration settle = Duration.ofSeconds(5);
    assertThat(
            kafka.collect(
                "slipway.environment",
                r ->
                    r.value().contains(operationId)
                        && CloudEventRecords.ofType(
                                EventCatalog.ENVIRONMENT_CLONE_COMPLETED.ceType())
                            .test(r),
                settle))
        .hasSize(1);
    var progress =
        kafka.collect(
            "slipway.environment",
            r ->
                r.value().contains(operationId)
                    && CloudEventRecords.ofType(EventCatalog.ENVIRONMENT_CLONE_PROGRESSED.ceType())
                        .test(r),
            settle);
    assertThat(
            progress.stream()
                .map(
                    r ->
                        EventJson.read(EventCatalog.ENVIRONMENT_CLONE_PROGRESSED, r.value())
                            .applied())
                .toList())
        .containsExactlyInAnyOrder(1, 2, 3);
    assertThat(
            kafka.collect(
                "slipway.deploy",
                r ->
                    r.value().contains("\"environment\":\"" + clone + "\"")
                        && CloudEventRecords.ofType(EventCatalog.DEPLOY_COMPLETED.ceType()).test(r),
                settle))
        .hasSize(3);
    String alice = TestOidcServer.shared().token("alice", List.of("/teams/payments/developer"));
    for (String app : apps) {
      given()
          .auth()
          .oauth2(alice)
          .get("/api/v1/teams/payments/environments/" + clone + "/apps/" + app)
          .then()
          .statusCode(200)
          .body("revision", org.hamcrest.Matchers.equalTo(1));
    }
  }

  @Test
  void aCloneOfAnEnvironmentWithoutAppsCompletesAtOnce() throws Exception {
    String operationId = UUID.randomUUID().toString();
    ObjectNode cloned = example(EventCatalog.ENVIRONMENT_CLONED);
    cloned.put("operationId", operationId);
    cloned.put("source", "empty-" + shortId());
    cloned.put("environment", "clone-" + shortId());
    kafka.publish(
        "slipway.environment",
        "payments/x",
        EventCatalog.ENVIRONMENT_CLONED.ceType(),
        cloned.toString());

    var completed =
        EventJson.read(
            EventCatalog.ENVIRONMENT_CLONE_COMPLETED,
            awaitOn("slipway.environment", operationId, EventCatalog.ENVIRONMENT_CLONE_COMPLETED)
                .value());
    assertThat(completed.apps()).isEmpty();
  }

  private ConsumerRecord<String, String> awaitOn(
      String topic, String operationId, EventType<?> type) {
    var found =
        kafka.await(
            topic,
            r ->
                r.value().contains(operationId)
                    && CloudEventRecords.header(r, "ce_type")
                        .map(t -> t)
                        .filter(t -> true)
                        .orElse("")
                        .equals(type.ceType()),
            1,
            WAIT);
    assertThat(found).as("%s for operation %s", type.ceType(), operationId).hasSize(1);
    return found.get(0);
  }

  private void namespace(String name) {
    admin
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .serverSideApply();
  }

  private static ObjectNode example(EventType<?> type) throws Exception {
    try (InputStream in = CloneDeployIT.class.getResourceAsStream(type.exampleResource())) {
      return (ObjectNode) EventJson.mapper().readTree(in);
    }
  }

  private static String shortId() {
    return UUID.randomUUID().toString().substring(0, 6);
  }
}
