package dev.slipway.deploy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

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
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Secrets and rollouts over real Kafka, PostgreSQL and a Kubernetes API server with its deployment
 * controller and a simulated node (kwok: pods become Ready without running): the secret events feed
 * the reference check and roll the apps that reference a secret; a rollout that cannot finish (pods
 * that fit no node, a short progress deadline) asks secret-service for the previous version.
 */
@QuarkusTest
@QuarkusTestResource(
    value = SlipwayInfrastructure.class,
    restrictToAnnotatedClass = false,
    initArgs = @ResourceArg(name = "database", value = "deploy"))
@QuarkusTestResource(value = KubernetesTestResource.class, restrictToAnnotatedClass = false)
class SecretRolloutIT {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String NAMESPACE = "payments-dev";
  private static final String ANNOTATION = "slipway.dev/secret-";
  private final CloudEventRecords kafka = CloudEventRecords.onSharedBroker();

  @BeforeAll
  static void teamNamespace() {
    LocalKubernetes.shared()
        .adminClient()
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .serverSideApply();
  }

  @Test
  void aNewSecretVersionStampsThePodTemplateAsANewRevisionOnceAndRedeploysKeepTheStamp()
      throws Exception {
    String secret = "db-" + shortId();
    String app = "uses-" + shortId();
    secretCreated(secret, "1111111111111111");
    deployReferencing(app, secret, "url");
    assertThat(templateAnnotations(app)).containsEntry(ANNOTATION + secret, "1111111111111111");

    String rotationId = secretRotated(secret, 2, "2222222222222222", "rotate");
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(templateAnnotations(app))
                    .containsEntry(ANNOTATION + secret, "2222222222222222"));
    // Applied first, recorded right after.
    await().atMost(WAIT).untilAsserted(() -> appShows(app).body("revision", equalTo(2)));

    // Redelivered: no second revision.
    kafka.publish(
        "slipway.secret",
        "payments/dev/" + secret,
        EventCatalog.SECRET_ROTATED.ceType(),
        rotationId,
        rotated(secret, 2, "2222222222222222", "rotate").toString());
    var completions =
        kafka.collect(
            "slipway.deploy",
            r -> isType(r, EventCatalog.DEPLOY_COMPLETED) && r.value().contains("\"" + app + "\""),
            Duration.ofSeconds(5));
    assertThat(completions).hasSize(2);
    appShows(app).body("revision", equalTo(2));

    // A redeploy of the same spec renders the stamp from the projection: the pods do not roll back.
    String operationId = publishDeploy(app, specReferencing(app, secret, "url"));
    awaitResult(operationId, EventCatalog.DEPLOY_COMPLETED);
    assertThat(templateAnnotations(app)).containsEntry(ANNOTATION + secret, "2222222222222222");
    appShows(app)
        .body("revision", equalTo(3))
        .body("effectiveSpec.secretVersions." + secret, equalTo("2222222222222222"));
  }

  @Test
  void aFailedRolloutOfANewSecretVersionFailsItsOperationAndAsksForThePreviousVersionOnce()
      throws Exception {
    String secret = "api-" + shortId();
    String app = "fails-" + shortId();
    secretCreated(secret, "3333333333333333");
    ObjectNode spec = (ObjectNode) EventJson.mapper().readTree(specReferencing(app, secret, "url"));
    // Pods that fit no node never become ready: the deployment controller reports the progress
    // deadline exceeded, for every revision.
    spec.putArray("patches")
        .addObject()
        .set(
            "merge",
            EventJson.mapper()
                .readTree(
                    "{\"spec\":{\"progressDeadlineSeconds\":15,\"template\":{\"spec\":"
                        + "{\"nodeSelector\":{\"slipway.dev/test\":\"no-such-node\"}}}}}"));
    ((ObjectNode) spec.path("patches").get(0)).putObject("target").put("kind", "Deployment");
    awaitPlanOk(app, spec.toString());
    awaitResult(publishDeploy(app, spec.toString()), EventCatalog.DEPLOY_COMPLETED);
    secretRotated(secret, 2, "4444444444444444", "schedule");
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(templateAnnotations(app))
                    .containsEntry(ANNOTATION + secret, "4444444444444444"));
    await().atMost(WAIT).untilAsserted(() -> appShows(app).body("revision", equalTo(2)));

    var restore =
        kafka.await(
            "slipway.secret",
            r -> isType(r, EventCatalog.SECRET_RESTORE_REQUESTED) && r.value().contains(secret),
            1,
            WAIT);
    assertThat(restore).hasSize(1);
    var request = EventJson.read(EventCatalog.SECRET_RESTORE_REQUESTED, restore.get(0).value());
    assertThat(request.failedVersion()).isEqualTo(2);
    assertThat(request.app()).isEqualTo(app);
    assertThat(request.reason()).contains("progressing");

    var failed =
        kafka.await(
            "slipway.deploy",
            r -> isType(r, EventCatalog.DEPLOY_FAILED) && r.value().contains("\"" + app + "\""),
            1,
            WAIT);
    assertThat(EventJson.read(EventCatalog.DEPLOY_FAILED, failed.get(0).value()).reason())
        .contains("secret " + secret + " version 2")
        .contains("previous version is being restored");
    var progressed =
        kafka.await(
            "slipway.deploy",
            r ->
                isType(r, EventCatalog.DEPLOY_ROLLOUT_PROGRESSED)
                    && r.value().contains("\"" + app + "\"")
                    && r.value().contains("FAILED")
                    && r.value().contains("\"revision\":2"),
            1,
            WAIT);
    assertThat(
            EventJson.read(EventCatalog.DEPLOY_ROLLOUT_PROGRESSED, progressed.get(0).value())
                .revision())
        .isEqualTo(2);
    await().atMost(WAIT).untilAsserted(() -> appShows(app).body("status", equalTo("FAILED")));

    // The watch's resync sees the same failure again: asked once only.
    assertThat(
            kafka.collect(
                "slipway.secret",
                r -> isType(r, EventCatalog.SECRET_RESTORE_REQUESTED) && r.value().contains(secret),
                Duration.ofSeconds(5)))
        .hasSize(1);
  }

  /** kwok makes the pods Ready; the deployment controller reports the rollout complete. */
  @Test
  void aReadyRolloutReachesTheOperationThatAppliedIt() throws Exception {
    String app = "ready-" + shortId();
    String operationId =
        publishDeploy(
            app, "{\"name\":\"" + app + "\",\"image\":\"ghcr.io/acme/x:1.0.0\",\"port\":8080}");
    awaitResult(operationId, EventCatalog.DEPLOY_COMPLETED);

    var ready =
        kafka.await(
            "slipway.deploy",
            r ->
                isType(r, EventCatalog.DEPLOY_ROLLOUT_PROGRESSED)
                    && r.value().contains(operationId)
                    && r.value().contains("READY"),
            1,
            WAIT);
    assertThat(ready).hasSize(1);
    var event = EventJson.read(EventCatalog.DEPLOY_ROLLOUT_PROGRESSED, ready.get(0).value());
    assertThat(event.revision()).isEqualTo(1);
    assertThat(event.detail()).matches("(\\d+) of \\1 replicas available");
    await().atMost(WAIT).untilAsserted(() -> appShows(app).body("status", equalTo("READY")));

    // A redeploy: kwok makes the new pods Ready so fast that the watch may see the rollout end
    // before the revision is committed, whose commit then says PROGRESSING. The app must still
    // end READY at revision 2, and the operation that applied it must hear so, well before the
    // watch's 30 s resync.
    String second =
        publishDeploy(
            app, "{\"name\":\"" + app + "\",\"image\":\"ghcr.io/acme/x:1.0.1\",\"port\":8080}");
    awaitResult(second, EventCatalog.DEPLOY_COMPLETED);
    var readyAgain =
        kafka.await(
            "slipway.deploy",
            r ->
                isType(r, EventCatalog.DEPLOY_ROLLOUT_PROGRESSED)
                    && r.value().contains(second)
                    && r.value().contains("READY"),
            1,
            Duration.ofSeconds(25));
    assertThat(readyAgain).as("READY announced to the second operation").hasSize(1);
    assertThat(
            EventJson.read(EventCatalog.DEPLOY_ROLLOUT_PROGRESSED, readyAgain.get(0).value())
                .revision())
        .isEqualTo(2);
    appShows(app).body("revision", equalTo(2)).body("status", equalTo("READY"));
  }

  @Test
  void aRolloutPastItsProgressDeadlineMarksTheAppAndItsOperationFailed() throws Exception {
    String app = "stuck-" + shortId();
    ObjectNode spec =
        (ObjectNode)
            EventJson.mapper()
                .readTree(
                    "{\"name\":\"" + app + "\",\"image\":\"ghcr.io/acme/x:1.0.0\",\"port\":8080}");
    // Pods that fit no node never become ready.
    spec.putArray("patches")
        .addObject()
        .set(
            "merge",
            EventJson.mapper()
                .readTree(
                    "{\"spec\":{\"progressDeadlineSeconds\":10,\"template\":{\"spec\":"
                        + "{\"nodeSelector\":{\"slipway.dev/test\":\"no-such-node\"}}}}}"));
    ((ObjectNode) spec.path("patches").get(0)).putObject("target").put("kind", "Deployment");
    awaitPlanOk(app, spec.toString());
    String operationId = publishDeploy(app, spec.toString());
    awaitResult(operationId, EventCatalog.DEPLOY_COMPLETED);
    appShows(app).body("status", equalTo("PROGRESSING"));

    var failed =
        kafka.await(
            "slipway.deploy",
            r ->
                isType(r, EventCatalog.DEPLOY_ROLLOUT_PROGRESSED)
                    && r.value().contains(operationId)
                    && r.value().contains("FAILED"),
            1,
            WAIT);
    assertThat(failed).hasSize(1);
    var event = EventJson.read(EventCatalog.DEPLOY_ROLLOUT_PROGRESSED, failed.get(0).value());
    assertThat(event.revision()).isEqualTo(1);
    assertThat(event.detail()).contains("progress deadline");
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                appShows(app)
                    .body("status", equalTo("FAILED"))
                    .body("statusDetail", containsString("progress deadline")));
  }

  @Test
  void aReferenceToAMissingSecretOrKeyIsAFieldErrorAtPlanAndAtDeploy() throws Exception {
    String secret = "known-" + shortId();
    String app = "refs-" + shortId();
    secretCreated(secret, "5555555555555555");
    awaitPlanOk(app, specReferencing(app, secret, "url"));

    plan(specReferencing(app, "missing-" + shortId(), "url"))
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", hasItem("env[0].valueFrom"))
        .body("errors[0].reason", containsString("does not exist"));
    plan(specReferencing(app, secret, "nokey"))
        .statusCode(400)
        .body("errors.field", hasItem("env[0].valueFrom"))
        .body("errors[0].reason", containsString("has no key nokey"));

    String operationId = publishDeploy(app, specReferencing(app, "missing-" + shortId(), "url"));
    var failed =
        EventJson.read(
            EventCatalog.DEPLOY_FAILED, awaitResult(operationId, EventCatalog.DEPLOY_FAILED));
    assertThat(failed.errors()).extracting(e -> e.field()).containsExactly("env[0].valueFrom");
    assertThat(admin().apps().deployments().inNamespace(NAMESPACE).withName(app).get()).isNull();

    // A deleted secret is forgotten: references to it fail again.
    kafka.publish(
        "slipway.secret",
        "payments/dev/" + secret,
        EventCatalog.SECRET_DELETED.ceType(),
        "{\"team\":\"payments\",\"environment\":\"dev\",\"name\":\""
            + secret
            + "\",\"actor\":{\"subject\":\"s\",\"username\":\"alice\"},\"deletedAt\":\""
            + Instant.now()
            + "\"}");
    await()
        .atMost(WAIT)
        .untilAsserted(() -> plan(specReferencing(app, secret, "url")).statusCode(400));
  }

  @Test
  void anInvalidSpecOnTheTopicIsDeadLetteredWithTheReasonAndItsOperationFails() throws Exception {
    String app = "invalid-" + shortId();
    ObjectNode request = DeployFlowIT.request(app, "dev");
    ((ObjectNode) request.path("spec")).put("port", 99999).put("surprise", true);
    String operationId = request.path("operationId").asText();
    String key = "payments/dev/" + app;
    kafka.publish(
        "slipway.deploy", key, EventCatalog.DEPLOY_REQUESTED.ceType(), request.toString());

    var dead =
        kafka.await(
            "slipway.dlq",
            r ->
                key.equals(r.key())
                    && CloudEventRecords.header(r, "dead-letter-reason")
                        .orElse("")
                        .contains("app spec is invalid"),
            1,
            WAIT);
    assertThat(dead).hasSize(1);
    assertThat(CloudEventRecords.header(dead.get(0), "dead-letter-reason").get())
        .contains("port")
        .contains("surprise");
    var failed =
        EventJson.read(
            EventCatalog.DEPLOY_FAILED, awaitResult(operationId, EventCatalog.DEPLOY_FAILED));
    assertThat(failed.errors()).extracting(e -> e.field()).contains("port");
    assertThat(admin().apps().deployments().inNamespace(NAMESPACE).withName(app).get()).isNull();
  }

  @Test
  void goldenPathPicksAPathOtherThanTheTypesDefault() throws Exception {
    String app = "picked-" + shortId();
    String operationId =
        publishDeploy(
            app,
            "{\"name\":\""
                + app
                + "\",\"image\":\"ghcr.io/acme/x:1.0.0\",\"goldenPath\":{\"name\":\"worker\"}}");
    var completed =
        EventJson.read(
            EventCatalog.DEPLOY_COMPLETED, awaitResult(operationId, EventCatalog.DEPLOY_COMPLETED));
    assertThat(completed.resources()).extracting(r -> r.kind()).contains("Deployment");
    assertThat(completed.resources()).extracting(r -> r.kind()).doesNotContain("Service");
    appShows(app).body("goldenPath", equalTo("worker@1"));

    String pinned =
        publishDeploy(
            app,
            "{\"name\":\""
                + app
                + "\",\"image\":\"ghcr.io/acme/x:1.0.0\",\"goldenPath\":{\"name\":\"worker\","
                + "\"version\":99}}");
    var failed =
        EventJson.read(EventCatalog.DEPLOY_FAILED, awaitResult(pinned, EventCatalog.DEPLOY_FAILED));
    assertThat(failed.reason()).contains("worker@99");
    assertThat(failed.errors()).extracting(e -> e.field()).containsExactly("goldenPath");
  }

  // ---- the other side of the contract ---------------------------------------------------------

  private void secretCreated(String name, String hash) {
    String json =
        "{\"team\":\"payments\",\"environment\":\"dev\",\"name\":\""
            + name
            + "\",\"keys\":[\"password\",\"url\"],\"version\":1,\"versionHash\":\""
            + hash
            + "\",\"needsValue\":false,\"actor\":{\"subject\":\"s\",\"username\":\"alice\"},"
            + "\"createdAt\":\""
            + Instant.now()
            + "\"}";
    kafka.publish(
        "slipway.secret", "payments/dev/" + name, EventCatalog.SECRET_CREATED.ceType(), json);
  }

  private String secretRotated(String name, int version, String hash, String trigger) {
    return kafka.publish(
        "slipway.secret",
        "payments/dev/" + name,
        EventCatalog.SECRET_ROTATED.ceType(),
        rotated(name, version, hash, trigger).toString());
  }

  private static ObjectNode rotated(String name, int version, String hash, String trigger) {
    ObjectNode event = EventJson.mapper().createObjectNode();
    event.put("team", "payments").put("environment", "dev").put("name", name);
    event.putArray("keys").add("password").add("url");
    event.put("version", version).put("versionHash", hash).put("trigger", trigger);
    event
        .putObject("actor")
        .put("subject", "system:secret-service")
        .put("username", "secret-service");
    event.put("rotatedAt", "2026-11-25T10:00:00Z");
    return event;
  }

  /**
   * Deploys an app that reads {@code secret://secret/key}, once the projection knows the secret.
   */
  private void deployReferencing(String app, String secret, String key) throws Exception {
    String spec = specReferencing(app, secret, key);
    awaitPlanOk(app, spec);
    awaitResult(publishDeploy(app, spec), EventCatalog.DEPLOY_COMPLETED);
  }

  private static String specReferencing(String app, String secret, String key) {
    return "{\"name\":\""
        + app
        + "\",\"image\":\"ghcr.io/acme/x:1.0.0\",\"port\":8080,\"env\":[{\"name\":\"DATABASE_URL\","
        + "\"valueFrom\":\"secret://"
        + secret
        + "/"
        + key
        + "\"}]}";
  }

  private void awaitPlanOk(String app, String spec) {
    await().atMost(WAIT).untilAsserted(() -> plan(spec).statusCode(200));
  }

  private io.restassured.response.ValidatableResponse plan(String spec) throws Exception {
    String app = EventJson.mapper().readTree(spec).path("name").asText();
    return given()
        .auth()
        .oauth2(developer())
        .contentType(ContentType.JSON)
        .body(spec)
        .post("/api/v1/teams/payments/environments/dev/apps/" + app + "/plan?kind=development")
        .then();
  }

  private String publishDeploy(String app, String spec) throws Exception {
    ObjectNode request = DeployFlowIT.request(app, "dev");
    request.set("spec", EventJson.mapper().readTree(spec));
    kafka.publish(
        "slipway.deploy",
        "payments/dev/" + app,
        EventCatalog.DEPLOY_REQUESTED.ceType(),
        request.toString());
    return request.path("operationId").asText();
  }

  private String awaitResult(String operationId, EventType<?> type) {
    var found =
        kafka.await(
            "slipway.deploy",
            r -> r.value() != null && r.value().contains(operationId) && !isRequest(r),
            1,
            WAIT);
    assertThat(found).as("a result for operation " + operationId).hasSize(1);
    assertThat(CloudEventRecords.header(found.get(0), "ce_type")).contains(type.ceType());
    return found.get(0).value();
  }

  private static Deployment deployment(String app) {
    return admin().apps().deployments().inNamespace(NAMESPACE).withName(app).get();
  }

  private static java.util.Map<String, String> templateAnnotations(String app) {
    var annotations = deployment(app).getSpec().getTemplate().getMetadata().getAnnotations();
    return annotations == null ? java.util.Map.of() : annotations;
  }

  private static io.restassured.response.ValidatableResponse appShows(String app) {
    return given()
        .auth()
        .oauth2(developer())
        .get("/api/v1/teams/payments/environments/dev/apps/" + app)
        .then()
        .statusCode(200);
  }

  private static boolean isType(ConsumerRecord<String, String> r, EventType<?> type) {
    return CloudEventRecords.header(r, "ce_type").filter(type.ceType()::equals).isPresent();
  }

  private static boolean isRequest(ConsumerRecord<String, String> r) {
    String type = CloudEventRecords.header(r, "ce_type").orElse("");
    return type.endsWith("requested.v1") || type.endsWith("rollout-progressed.v1");
  }

  private static KubernetesClient admin() {
    return LocalKubernetes.shared().adminClient();
  }

  private static String developer() {
    return TestOidcServer.shared().token("alice", List.of("/teams/payments/developer"));
  }

  private static String shortId() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
