package dev.slipway.deploy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.events.EventCatalog;
import dev.slipway.events.EventJson;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** deploy-service over real Kafka, PostgreSQL and a real Kubernetes API server. */
@QuarkusTest
@QuarkusTestResource(
    value = SlipwayInfrastructure.class,
    restrictToAnnotatedClass = false,
    initArgs = @ResourceArg(name = "database", value = "deploy"))
@QuarkusTestResource(value = KubernetesTestResource.class, restrictToAnnotatedClass = false)
class DeployFlowIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private final CloudEventRecords kafka = CloudEventRecords.onSharedBroker();

  @BeforeAll
  static void teamNamespace() {
    KubernetesClient admin = LocalKubernetes.shared().adminClient();
    admin
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName("payments-dev").endMetadata().build())
        .serverSideApply();
  }

  @Test
  void aDeployRequestAppliesTheWebGoldenPathAndAnnouncesTheRevision() throws Exception {
    ObjectNode request = request("hello-" + shortId(), "dev");
    String operationId = request.path("operationId").asText();
    String app = request.path("app").asText();

    kafka.publish(
        "slipway.deploy",
        "payments/dev/" + app,
        EventCatalog.DEPLOY_REQUESTED.ceType(),
        request.toString());

    var completed = awaitResult(operationId, EventCatalog.DEPLOY_COMPLETED.ceType());
    var event = EventJson.read(EventCatalog.DEPLOY_COMPLETED, completed.value());
    assertThat(event.revision()).isEqualTo(1);
    assertThat(event.resources())
        .extracting(r -> r.kind())
        .containsExactly(
            "Deployment",
            "Service",
            "HorizontalPodAutoscaler",
            "PodDisruptionBudget",
            "NetworkPolicy");

    KubernetesClient admin = LocalKubernetes.shared().adminClient();
    var deployment = admin.apps().deployments().inNamespace("payments-dev").withName(app).get();
    assertThat(deployment.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/managed-by", "slipway")
        .containsEntry("slipway.dev/team", "payments");
    assertThat(deployment.getMetadata().getManagedFields())
        .anySatisfy(f -> assertThat(f.getManager()).isEqualTo("slipway-deploy"));
    assertThat(admin.services().inNamespace("payments-dev").withName(app).get()).isNotNull();
    assertThat(
            admin
                .autoscaling()
                .v2()
                .horizontalPodAutoscalers()
                .inNamespace("payments-dev")
                .withName(app)
                .get()
                .getSpec()
                .getMinReplicas())
        .isEqualTo(3);
    assertThat(
            admin
                .policy()
                .v1()
                .podDisruptionBudget()
                .inNamespace("payments-dev")
                .withName(app)
                .get())
        .isNotNull();
    assertThat(admin.network().networkPolicies().inNamespace("payments-dev").withName(app).get())
        .isNotNull();

    given()
        .auth()
        .oauth2(TestOidcServer.shared().token("alice", List.of("/teams/payments/developer")))
        .get("/api/v1/teams/payments/environments/dev/apps/" + app)
        .then()
        .statusCode(200)
        .body("revision", equalTo(1))
        .body("goldenPath", equalTo("web@1"))
        .body("effectiveSpec.resources.requestsCpu", equalTo("250m"));
  }

  @Test
  void aRedeliveredRequestHasItsEffectOnce() throws Exception {
    ObjectNode request = request("twice-" + shortId(), "dev");
    String operationId = request.path("operationId").asText();
    String ceId = UUID.randomUUID().toString();
    String app = request.path("app").asText();

    kafka.publish(
        "slipway.deploy",
        "payments/dev/" + app,
        EventCatalog.DEPLOY_REQUESTED.ceType(),
        ceId,
        request.toString());
    awaitResult(operationId, EventCatalog.DEPLOY_COMPLETED.ceType());
    kafka.publish(
        "slipway.deploy",
        "payments/dev/" + app,
        EventCatalog.DEPLOY_REQUESTED.ceType(),
        ceId,
        request.toString());

    var results = kafka.collect("slipway.deploy", forOperation(operationId), Duration.ofSeconds(4));
    assertThat(results).hasSize(1);
    given()
        .auth()
        .oauth2(TestOidcServer.shared().token("alice", List.of("/teams/payments/developer")))
        .get("/api/v1/teams/payments/environments/dev/apps/" + app)
        .then()
        .statusCode(200)
        .body("revision", equalTo(1));
  }

  @Test
  void aDeployIntoAMissingNamespaceFailsWithTheReason() throws Exception {
    ObjectNode request = request("lost-" + shortId(), "nowhere");
    String operationId = request.path("operationId").asText();

    kafka.publish(
        "slipway.deploy",
        "payments/nowhere/x",
        EventCatalog.DEPLOY_REQUESTED.ceType(),
        request.toString());

    var failed =
        EventJson.read(
            EventCatalog.DEPLOY_FAILED,
            awaitResult(operationId, EventCatalog.DEPLOY_FAILED.ceType()).value());
    assertThat(failed.reason()).contains("payments-nowhere");
  }

  /**
   * The quota guard rail sees the namespace's ResourceQuota (read from the informer, not blind),
   * and a changed quota at once: refused under a tiny quota, applied once it is raised.
   */
  @Test
  void theQuotaGuardRailFollowsTheNamespacesResourceQuota() throws Exception {
    KubernetesClient admin = LocalKubernetes.shared().adminClient();
    admin
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName("payments-tiny")
                .endMetadata()
                .build())
        .serverSideApply();
    admin.resource(quota("10m")).serverSideApply();

    ObjectNode refused = request("big-" + shortId(), "tiny");
    String refusedId = refused.path("operationId").asText();
    kafka.publish(
        "slipway.deploy",
        "payments/tiny/" + refused.path("app").asText(),
        EventCatalog.DEPLOY_REQUESTED.ceType(),
        refused.toString());
    var failed =
        EventJson.read(
            EventCatalog.DEPLOY_FAILED,
            awaitResult(refusedId, EventCatalog.DEPLOY_FAILED.ceType()).value());
    assertThat(failed.reason()).contains("requests-within-quota");

    admin.resource(quota("100")).serverSideApply();
    ObjectNode allowed = request("big-" + shortId(), "tiny");
    String allowedId = allowed.path("operationId").asText();
    kafka.publish(
        "slipway.deploy",
        "payments/tiny/" + allowed.path("app").asText(),
        EventCatalog.DEPLOY_REQUESTED.ceType(),
        allowed.toString());
    awaitResult(allowedId, EventCatalog.DEPLOY_COMPLETED.ceType());
  }

  private static io.fabric8.kubernetes.api.model.ResourceQuota quota(String cpu) {
    return new io.fabric8.kubernetes.api.model.ResourceQuotaBuilder()
        .withNewMetadata()
        .withName("environment")
        .withNamespace("payments-tiny")
        .endMetadata()
        .withNewSpec()
        .addToHard("requests.cpu", new io.fabric8.kubernetes.api.model.Quantity(cpu))
        .endSpec()
        .build();
  }

  @Test
  void aPoisonRecordIsDeadLetteredAndThePartitionKeepsFlowing() throws Exception {
    String key = "payments/dev/poison-" + shortId();
    kafka.publishRaw("slipway.deploy", key, "this is not a CloudEvent");
    ObjectNode request = request("after-poison-" + shortId(), "dev");
    // Same key: same partition, behind the poison record.
    kafka.publish(
        "slipway.deploy", key, EventCatalog.DEPLOY_REQUESTED.ceType(), request.toString());

    var dead = kafka.await("slipway.dlq", r -> key.equals(r.key()), 1, WAIT);
    // Every consumer group reading slipway.deploy (deploy requests, clone progress) dead-letters
    // it on its own, each with the reason.
    assertThat(dead)
        .isNotEmpty()
        .allSatisfy(
            record ->
                assertThat(CloudEventRecords.header(record, "dead-letter-reason"))
                    .get()
                    .asString()
                    .contains("not a CloudEvent"));
    awaitResult(request.path("operationId").asText(), EventCatalog.DEPLOY_COMPLETED.ceType());
  }

  @Test
  void queriesOfAnotherTeamAnswerNotFound() {
    given()
        .auth()
        .oauth2(TestOidcServer.shared().token("carol", List.of("/teams/search/developer")))
        .get("/api/v1/teams/payments/environments/dev/apps")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    given().get("/api/v1/teams/payments/environments/dev/apps").then().statusCode(401);
  }

  private ConsumerRecord<String, String> awaitResult(String operationId, String ceType) {
    var found = kafka.await("slipway.deploy", forOperation(operationId), 1, WAIT);
    assertThat(found).as("a result for operation " + operationId).hasSize(1);
    assertThat(CloudEventRecords.header(found.get(0), "ce_type")).contains(ceType);
    return found.get(0);
  }

  private static java.util.function.Predicate<ConsumerRecord<String, String>> forOperation(
      String operationId) {
    return r ->
        !CloudEventRecords.header(r, "ce_type").orElse("").endsWith("requested.v1")
            && !CloudEventRecords.header(r, "ce_type").orElse("").endsWith("rollout-progressed.v1")
            && r.value() != null
            && r.value().contains(operationId);
  }

  /** The golden example of DeployRequested, for a fresh operation and app. */
  static ObjectNode request(String app, String env) throws Exception {
    try (InputStream in =
        DeployFlowIT.class.getResourceAsStream(EventCatalog.DEPLOY_REQUESTED.exampleResource())) {
      ObjectNode request = (ObjectNode) EventJson.mapper().readTree(in);
      request.put("operationId", UUID.randomUUID().toString());
      request.put("app", app);
      request.put("environment", env);
      ((ObjectNode) request.path("spec")).put("name", app);
      return request;
    }
  }

  private static String shortId() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
