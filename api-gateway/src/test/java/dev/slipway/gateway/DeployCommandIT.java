package dev.slipway.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.events.EventCatalog;
import dev.slipway.events.EventJson;
import dev.slipway.events.EventSchemas;
import dev.slipway.kit.retention.RetentionSweeper;
import dev.slipway.testkit.kafka.CloudEventRecords;
import dev.slipway.testkit.oidc.TestOidcServer;
import dev.slipway.testkit.quarkus.SlipwayInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The gateway's command path over real Kafka, PostgreSQL and OIDC tokens. */
@QuarkusTest
@QuarkusTestResource(
    value = SlipwayInfrastructure.class,
    restrictToAnnotatedClass = false,
    initArgs = @ResourceArg(name = "database", value = "gateway"))
@QuarkusTestResource(value = FakeEnvironmentService.class, restrictToAnnotatedClass = false)
class DeployCommandIT {

  @Inject Pool pool;
  @Inject RetentionSweeper retention;

  private final CloudEventRecords kafka = CloudEventRecords.onSharedBroker();

  static String alice() {
    return TestOidcServer.shared().token("alice", List.of("/teams/payments/developer"));
  }

  @Test
  void anAcceptedDeployIsPublishedOnceAndFollowedToItsEnd() throws Exception {
    String app = "hello-" + UUID.randomUUID().toString().substring(0, 6);
    String operationId =
        given()
            .auth()
            .oauth2(alice())
            .contentType(ContentType.JSON)
            .body(
                "{\"name\":\""
                    + app
                    + "\",\"image\":\"nginxinc/nginx-unprivileged:1.27\",\"port\":8080}")
            .post("/api/v1/teams/payments/environments/dev/apps")
            .then()
            .statusCode(202)
            .header("Location", containsString("/api/v1/operations/"))
            .extract()
            .path("operationId");

    var published =
        kafka.await(
            "slipway.deploy", r -> r.value().contains(operationId), 1, Duration.ofSeconds(20));
    assertThat(published).hasSize(1);
    assertThat(published.get(0).key()).isEqualTo("payments/dev/" + app);
    assertThat(CloudEventRecords.header(published.get(0), "ce_type"))
        .contains(EventCatalog.DEPLOY_REQUESTED.ceType());
    assertThat(
            EventSchemas.validate(
                EventCatalog.DEPLOY_REQUESTED,
                EventJson.mapper().readTree(published.get(0).value())))
        .isEmpty();
    var request = EventJson.read(EventCatalog.DEPLOY_REQUESTED, published.get(0).value());
    assertThat(request.requestedBy().username()).isEqualTo("alice");
    assertThat(request.environmentKind().wire()).isEqualTo("development");

    given()
        .auth()
        .oauth2(alice())
        .get("/api/v1/operations/" + operationId)
        .then()
        .statusCode(200)
        .body("state", equalTo("PENDING"));

    kafka.publish(
        "slipway.deploy",
        "payments/dev/" + app,
        EventCatalog.DEPLOY_COMPLETED.ceType(),
        completed(operationId, app));

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                given()
                    .auth()
                    .oauth2(alice())
                    .get("/api/v1/operations/" + operationId)
                    .then()
                    .body("state", equalTo("SUCCEEDED"))
                    .body("result.revision", equalTo(1)));
    String stream =
        given()
            .auth()
            .oauth2(alice())
            .accept("text/event-stream")
            .get("/api/v1/operations/" + operationId + "/events")
            .asString();
    assertThat(stream).contains("SUCCEEDED");

    // The stream of a foreign, missing or malformed operation is a 404 before any event is sent.
    String carol = TestOidcServer.shared().token("carol", List.of("/teams/search/developer"));
    for (var probe :
        List.of(
            List.of(carol, operationId),
            List.of(alice(), UUID.randomUUID().toString()),
            List.of(alice(), "not-an-id"))) {
      given()
          .auth()
          .oauth2(probe.get(0))
          .accept("text/event-stream")
          .get("/api/v1/operations/" + probe.get(1) + "/events")
          .then()
          .statusCode(404)
          .contentType("application/problem+json");
    }

    // The rollout that follows the apply shows in the operation; a failed one fails it.
    kafka.publish(
        "slipway.deploy",
        "payments/dev/" + app,
        EventCatalog.DEPLOY_ROLLOUT_PROGRESSED.ceType(),
        rollout(operationId, app, "READY", "3 of 3 replicas available"));
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                given()
                    .auth()
                    .oauth2(alice())
                    .get("/api/v1/operations/" + operationId)
                    .then()
                    .body("state", equalTo("SUCCEEDED"))
                    .body("result.revision", equalTo(1))
                    .body("result.rollout.state", equalTo("READY")));
    kafka.publish(
        "slipway.deploy",
        "payments/dev/" + app,
        EventCatalog.DEPLOY_ROLLOUT_PROGRESSED.ceType(),
        rollout(operationId, app, "FAILED", "ReplicaSet has timed out progressing."));
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                given()
                    .auth()
                    .oauth2(alice())
                    .get("/api/v1/operations/" + operationId)
                    .then()
                    .body("state", equalTo("FAILED"))
                    .body("detail", org.hamcrest.Matchers.containsString("timed out"))
                    .body("result.rollout.state", equalTo("FAILED")));
  }

  private static String rollout(String operationId, String app, String state, String detail) {
    ObjectNode event = EventJson.mapper().createObjectNode();
    event.put("operationId", operationId).put("team", "payments").put("environment", "dev");
    event.put("app", app).put("revision", 1).put("state", state).put("detail", detail);
    event.put("observedAt", java.time.Instant.now().toString());
    return event.toString();
  }

  /**
   * Results are handled several at once (KeyedLanes), yet one app's stay in order: a
   * DeployCompleted followed at once by its rollout's READY must end with both in the operation
   * (handled the other way round, the completion would replace the rollout in the result).
   */
  @Test
  void resultsOfManyAppsAtOnceKeepEachAppsOrder() throws Exception {
    String prefix = "lane-" + UUID.randomUUID().toString().substring(0, 6) + "-";
    List<String> apps = new java.util.ArrayList<>();
    List<String> operations = new java.util.ArrayList<>();
    // A user of its own: the per-user rate limit (20/s) is not what this test is about.
    String lena = TestOidcServer.shared().token("lena", List.of("/teams/payments/developer"));
    for (int i = 0; i < 12; i++) {
      String app = prefix + i;
      apps.add(app);
      operations.add(
          given()
              .auth()
              .oauth2(lena)
              .contentType(ContentType.JSON)
              .body(
                  "{\"name\":\""
                      + app
                      + "\",\"image\":\"nginxinc/nginx-unprivileged:1.27\",\"port\":8080}")
              .post("/api/v1/teams/payments/environments/dev/apps")
              .then()
              .statusCode(202)
              .extract()
              .path("operationId"));
    }
    for (int i = 0; i < apps.size(); i++) {
      String key = "payments/dev/" + apps.get(i);
      kafka.publish(
          "slipway.deploy",
          key,
          EventCatalog.DEPLOY_COMPLETED.ceType(),
          completed(operations.get(i), apps.get(i)));
      kafka.publish(
          "slipway.deploy",
          key,
          EventCatalog.DEPLOY_ROLLOUT_PROGRESSED.ceType(),
          rollout(operations.get(i), apps.get(i), "READY", "3 of 3 replicas available"));
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              for (String operationId : operations) {
                given()
                    .auth()
                    .oauth2(lena)
                    .get("/api/v1/operations/" + operationId)
                    .then()
                    .body("state", equalTo("SUCCEEDED"))
                    .body("result.revision", equalTo(1))
                    .body("result.rollout.state", equalTo("READY"));
              }
            });
  }

  @Test
  void aRetryWithTheSameIdempotencyKeyAnswersTheSameOperationAndPublishesOnce() {
    String app = "retried-" + UUID.randomUUID().toString().substring(0, 6);
    String body = "{\"name\":\"" + app + "\",\"image\":\"a/b:1\",\"port\":8080}";
    String key = UUID.randomUUID().toString();
    List<String> answered =
        List.of(key, key, "\"" + key + "\"").stream()
            .map(
                header ->
                    given()
                        .auth()
                        .oauth2(alice())
                        .header("Idempotency-Key", header)
                        .contentType(ContentType.JSON)
                        .body(body)
                        .post("/api/v1/teams/payments/environments/dev/apps")
                        .then()
                        .statusCode(202)
                        .extract()
                        .<String>path("operationId"))
            .toList();
    assertThat(answered).containsOnly(answered.get(0));
    assertThat(
            kafka.collect(
                "slipway.deploy",
                r -> r.key().equals("payments/dev/" + app),
                Duration.ofSeconds(5)))
        .hasSize(1);

    // The same key for another app is another command: refused, nothing published.
    String other = "other-" + UUID.randomUUID().toString().substring(0, 6);
    given()
        .auth()
        .oauth2(alice())
        .header("Idempotency-Key", key)
        .contentType(ContentType.JSON)
        .body("{\"name\":\"" + other + "\",\"image\":\"a/b:1\",\"port\":8080}")
        .post("/api/v1/teams/payments/environments/dev/apps")
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("Idempotency-Key"));
    // Another user's key is their own.
    String bob = TestOidcServer.shared().token("bob", List.of("/teams/payments/developer"));
    String bobs =
        given()
            .auth()
            .oauth2(bob)
            .header("Idempotency-Key", key)
            .contentType(ContentType.JSON)
            .body(body)
            .post("/api/v1/teams/payments/environments/dev/apps")
            .then()
            .statusCode(202)
            .extract()
            .path("operationId");
    assertThat(bobs).isNotEqualTo(answered.get(0));
    given()
        .auth()
        .oauth2(alice())
        .header("Idempotency-Key", "two words")
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/teams/payments/environments/dev/apps")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("Idempotency-Key"));
    assertThat(
            kafka.collect(
                "slipway.deploy",
                r -> r.key().equals("payments/dev/" + other),
                Duration.ofSeconds(2)))
        .isEmpty();
  }

  @Test
  void anIdempotencyKeyIsForgottenAfterADay() throws Throwable {
    String app = "forgotten-" + UUID.randomUUID().toString().substring(0, 6);
    String key = UUID.randomUUID().toString();
    java.util.function.Supplier<String> deploy =
        () ->
            given()
                .auth()
                .oauth2(alice())
                .header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body("{\"name\":\"" + app + "\",\"image\":\"a/b:1\",\"port\":8080}")
                .post("/api/v1/teams/payments/environments/dev/apps")
                .then()
                .statusCode(202)
                .extract()
                .path("operationId");
    String first = deploy.get();
    assertThat(deploy.get()).isEqualTo(first);
    VertxContextSupport.subscribeAndAwait(
        () ->
            pool.preparedQuery(
                    "update command_key set created_at = now() - interval '25 hours'"
                        + " where idempotency_key = $1")
                .execute(Tuple.of(key)));
    VertxContextSupport.subscribeAndAwait(() -> retention.sweep());
    assertThat(deploy.get()).isNotEqualTo(first);
  }

  @Test
  void anInvalidSpecAnswersEveryFieldErrorAndPublishesNothing() {
    given()
        .auth()
        .oauth2(alice())
        .contentType(ContentType.JSON)
        .body("{\"name\":\"Bad_Name\",\"image\":\"nginx:1\",\"port\":70000,\"colour\":\"blue\"}")
        .post("/api/v1/teams/payments/environments/dev/apps")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("status", equalTo(400))
        .body("errors.field", containsInAnyOrder("name", "port", "colour"));

    assertThat(
            kafka.collect(
                "slipway.deploy",
                r -> r.value() != null && r.value().contains("Bad_Name"),
                Duration.ofSeconds(3)))
        .isEmpty();
  }

  @Test
  void aYamlSpecIsAccepted() {
    given()
        .auth()
        .oauth2(alice())
        .contentType("application/yaml")
        .body(
            "name: yaml-app\nimage: ghcr.io/acme/app:1.0\nport: 8080\n"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .post("/api/v1/teams/payments/environments/dev/apps")
        .then()
        .statusCode(202);
  }

  @Test
  void anotherTeamsEnvironmentIsNotFoundAndNoTokenIsUnauthenticated() {
    String carol = TestOidcServer.shared().token("carol", List.of("/teams/search/developer"));
    String body = "{\"name\":\"x\",\"image\":\"a/b:1\",\"port\":8080}";
    given()
        .auth()
        .oauth2(carol)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/teams/payments/environments/dev/apps")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    given()
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/teams/payments/environments/dev/apps")
        .then()
        .statusCode(401)
        .contentType("application/problem+json");
    given()
        .auth()
        .oauth2(
            TestOidcServer.shared()
                .tokenFor("alice")
                .groups(List.of("/teams/payments/developer"))
                .expired()
                .sign())
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/teams/payments/environments/dev/apps")
        .then()
        .statusCode(401);
    given()
        .auth()
        .oauth2(alice())
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/teams/payments/environments/nowhere/apps")
        .then()
        .statusCode(404);
  }

  @Test
  void aDevelopersProductionDeployNeedsAReviewedPlanAndATechLeadsIsAccepted() {
    String body = "{\"name\":\"prod-app\",\"image\":\"a/b:1\",\"port\":8080}";
    // Without a plan there is nothing to approve (ApprovalsIT follows one with a plan).
    given()
        .auth()
        .oauth2(alice())
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/teams/payments/environments/production/apps")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("planHash"));
    String bob = TestOidcServer.shared().token("bob", List.of("/teams/payments/tech-lead"));
    given()
        .auth()
        .oauth2(bob)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/teams/payments/environments/production/apps")
        .then()
        .statusCode(202);
  }

  @Test
  void anotherTeamsOperationIsNotFound() {
    String operationId =
        given()
            .auth()
            .oauth2(alice())
            .contentType(ContentType.JSON)
            .body("{\"name\":\"mine\",\"image\":\"a/b:1\",\"port\":8080}")
            .post("/api/v1/teams/payments/environments/dev/apps")
            .then()
            .statusCode(202)
            .extract()
            .path("operationId");
    String carol = TestOidcServer.shared().token("carol", List.of("/teams/search/developer"));
    given().auth().oauth2(carol).get("/api/v1/operations/" + operationId).then().statusCode(404);
    given().auth().oauth2(carol).get("/api/v1/operations/not-a-uuid").then().statusCode(404);
  }

  private static String completed(String operationId, String app) throws Exception {
    try (InputStream in =
        DeployCommandIT.class.getResourceAsStream(
            EventCatalog.DEPLOY_COMPLETED.exampleResource())) {
      ObjectNode event = (ObjectNode) EventJson.mapper().readTree(in);
      event.put("operationId", operationId);
      event.put("app", app);
      return event.toString();
    }
  }
}
