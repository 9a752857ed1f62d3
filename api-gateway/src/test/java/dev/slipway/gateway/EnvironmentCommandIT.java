package dev.slipway.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.events.EventCatalog;
import dev.slipway.events.EventJson;
import dev.slipway.events.EventSchemas;
import dev.slipway.events.EventType;
import dev.slipway.testkit.kafka.CloudEventRecords;
import dev.slipway.testkit.oidc.TestOidcServer;
import dev.slipway.testkit.quarkus.SlipwayInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Delete and clone commands of environments over real Kafka, PostgreSQL and OIDC tokens. */
@QuarkusTest
@QuarkusTestResource(
    value = SlipwayInfrastructure.class,
    restrictToAnnotatedClass = false,
    initArgs = @ResourceArg(name = "database", value = "gateway"))
@QuarkusTestResource(value = FakeEnvironmentService.class, restrictToAnnotatedClass = false)
class EnvironmentCommandIT {

  private final CloudEventRecords kafka = CloudEventRecords.onSharedBroker();

  static String alice() {
    return TestOidcServer.shared().token("alice", List.of("/teams/payments/developer"));
  }

  static String bob() {
    return TestOidcServer.shared().token("bob", List.of("/teams/payments/tech-lead"));
  }

  @Test
  void anAcceptedDeleteIsPublishedAndEndsWithWhatWasRemoved() throws Exception {
    String operationId =
        given()
            .auth()
            .oauth2(alice())
            .delete("/api/v1/teams/payments/environments/dev")
            .then()
            .statusCode(202)
            .header("Location", containsString("/api/v1/operations/"))
            .extract()
            .path("operationId");

    var published =
        kafka.await(
            "slipway.environment", r -> r.value().contains(operationId), 1, Duration.ofSeconds(20));
    assertThat(published.get(0).key()).isEqualTo("payments/dev");
    assertThat(CloudEventRecords.header(published.get(0), "ce_type"))
        .contains(EventCatalog.ENVIRONMENT_DELETE_REQUESTED.ceType());
    assertThat(
            EventSchemas.validate(
                EventCatalog.ENVIRONMENT_DELETE_REQUESTED,
                EventJson.mapper().readTree(published.get(0).value())))
        .isEmpty();

    ObjectNode deleted = example(EventCatalog.ENVIRONMENT_DELETED);
    deleted.put("operationId", operationId);
    deleted.put("environment", "dev");
    deleted.put("namespace", "payments-dev");
    kafka.publish(
        "slipway.environment",
        "payments/dev",
        EventCatalog.ENVIRONMENT_DELETED.ceType(),
        deleted.toString());

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                given()
                    .auth()
                    .oauth2(alice())
                    .get("/api/v1/operations/" + operationId)
                    .then()
                    .body("type", equalTo("DELETE_ENVIRONMENT"))
                    .body("state", equalTo("SUCCEEDED"))
                    .body("result.removed", hasItem("Namespace/payments-pr-42")));
  }

  @Test
  void productionIsDeletedOnlyByATechLeadAndUnknownOrForeignEnvironmentsAreNotFound() {
    given()
        .auth()
        .oauth2(alice())
        .delete("/api/v1/teams/payments/environments/production")
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
    given()
        .auth()
        .oauth2(bob())
        .delete("/api/v1/teams/payments/environments/production")
        .then()
        .statusCode(202);
    given()
        .auth()
        .oauth2(alice())
        .delete("/api/v1/teams/payments/environments/nowhere")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    given()
        .auth()
        .oauth2(alice())
        .delete("/api/v1/teams/search/environments/dev")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    given().delete("/api/v1/teams/payments/environments/dev").then().statusCode(401);
  }

  @Test
  void anAcceptedCloneReportsProgressPerAppAndEndsWhenAllAreApplied() throws Exception {
    String operationId =
        given()
            .auth()
            .oauth2(alice())
            .contentType(ContentType.JSON)
            .body(
                "{\"name\":\"feature-x\",\"kind\":\"preview\","
                    + "\"overrides\":{\"replicas\":1,\"resources\":{\"preset\":\"small\"},"
                    + "\"host\":\"{app}.feature-x.example.com\"}}")
            .post("/api/v1/teams/payments/environments/dev/clone")
            .then()
            .statusCode(202)
            .extract()
            .path("operationId");

    var published =
        kafka.await(
            "slipway.environment", r -> r.value().contains(operationId), 1, Duration.ofSeconds(20));
    assertThat(published.get(0).key()).isEqualTo("payments/feature-x");
    var request =
        EventJson.read(EventCatalog.ENVIRONMENT_CLONE_REQUESTED, published.get(0).value());
    assertThat(request.source()).isEqualTo("dev");
    assertThat(request.kind().wire()).isEqualTo("preview");
    assertThat(request.overrides().path("replicas").asInt()).isEqualTo(1);

    ObjectNode progressed = example(EventCatalog.ENVIRONMENT_CLONE_PROGRESSED);
    progressed.put("operationId", operationId);
    progressed.put("environment", "feature-x");
    progressed.put("applied", 1);
    progressed.put("total", 2);
    kafka.publish(
        "slipway.environment",
        "payments/feature-x",
        EventCatalog.ENVIRONMENT_CLONE_PROGRESSED.ceType(),
        progressed.toString());
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                given()
                    .auth()
                    .oauth2(alice())
                    .get("/api/v1/operations/" + operationId)
                    .then()
                    .body("state", equalTo("RUNNING"))
                    .body("detail", containsString("1 of 2 apps applied")));

    ObjectNode completed = example(EventCatalog.ENVIRONMENT_CLONE_COMPLETED);
    completed.put("operationId", operationId);
    completed.put("environment", "feature-x");
    completed.put("source", "dev");
    kafka.publish(
        "slipway.environment",
        "payments/feature-x",
        EventCatalog.ENVIRONMENT_CLONE_COMPLETED.ceType(),
        completed.toString());
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
                    .body("result.apps", containsInAnyOrder("cart", "checkout", "search")));
  }

  @Test
  void aBadCloneAnswersEveryFieldErrorAMissingSource404AndAnExistingTarget409() {
    given()
        .auth()
        .oauth2(alice())
        .contentType(ContentType.JSON)
        .body("{\"name\":\"Bad_Name\",\"kind\":\"huge\",\"overrides\":{\"replicas\":0,\"disk\":1}}")
        .post("/api/v1/teams/payments/environments/dev/clone")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body(
            "errors.field",
            containsInAnyOrder("name", "kind", "overrides.replicas", "overrides.disk"));
    given()
        .auth()
        .oauth2(alice())
        .contentType(ContentType.JSON)
        .body("{\"name\":\"copy\",\"kind\":\"preview\"}")
        .post("/api/v1/teams/payments/environments/nowhere/clone")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    given()
        .auth()
        .oauth2(alice())
        .contentType(ContentType.JSON)
        .body("{\"name\":\"dev\",\"kind\":\"development\"}")
        .post("/api/v1/teams/payments/environments/production/clone")
        .then()
        .statusCode(409)
        .contentType("application/problem+json");
    // A developer clones production's configuration into staging, never into production.
    given()
        .auth()
        .oauth2(alice())
        .contentType(ContentType.JSON)
        .body("{\"name\":\"prod-2\",\"kind\":\"production\"}")
        .post("/api/v1/teams/payments/environments/dev/clone")
        .then()
        .statusCode(403);
    given()
        .auth()
        .oauth2(TestOidcServer.shared().token("carol", List.of("/teams/search/developer")))
        .contentType(ContentType.JSON)
        .body("{\"name\":\"copy\",\"kind\":\"preview\"}")
        .post("/api/v1/teams/payments/environments/dev/clone")
        .then()
        .statusCode(404);
  }

  @Test
  void onlyATechLeadOfTheTeamPinsOrExtends() {
    given()
        .auth()
        .oauth2(alice())
        .post("/api/v1/teams/payments/environments/dev/pin")
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
    given()
        .auth()
        .oauth2(alice())
        .contentType(ContentType.JSON)
        .body("{\"days\":7}")
        .post("/api/v1/teams/payments/environments/dev/extend")
        .then()
        .statusCode(403);
    given()
        .auth()
        .oauth2(TestOidcServer.shared().token("carol", List.of("/teams/search/tech-lead")))
        .post("/api/v1/teams/payments/environments/dev/pin")
        .then()
        .statusCode(404);
  }

  private static ObjectNode example(EventType<?> type) throws Exception {
    try (InputStream in = EnvironmentCommandIT.class.getResourceAsStream(type.exampleResource())) {
      return (ObjectNode) EventJson.mapper().readTree(in);
    }
  }
}
