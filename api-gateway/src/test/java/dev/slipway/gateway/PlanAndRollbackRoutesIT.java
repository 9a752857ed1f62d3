package dev.slipway.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.slipway.events.EventCatalog;
import dev.slipway.events.EventJson;
import dev.slipway.testkit.kafka.CloudEventRecords;
import dev.slipway.testkit.oidc.TestOidcServer;
import dev.slipway.testkit.quarkus.SlipwayInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The gateway's side of plan-hash deploys, rollbacks and the platform admin routes. */
@QuarkusTest
@QuarkusTestResource(
    value = SlipwayInfrastructure.class,
    restrictToAnnotatedClass = false,
    initArgs = @ResourceArg(name = "database", value = "gateway"))
@QuarkusTestResource(value = FakeEnvironmentService.class, restrictToAnnotatedClass = false)
class PlanAndRollbackRoutesIT {

  private final CloudEventRecords kafka = CloudEventRecords.onSharedBroker();

  @Test
  void aDeployCarriesTheReviewedPlanHash() throws Exception {
    String app = "planned-" + UUID.randomUUID().toString().substring(0, 6);
    String hash = "a".repeat(64);
    String operationId =
        given()
            .auth()
            .oauth2(DeployCommandIT.alice())
            .contentType(ContentType.JSON)
            .header("Slipway-Plan-Hash", hash)
            .body("{\"name\":\"" + app + "\",\"image\":\"ghcr.io/acme/x:1\",\"port\":8080}")
            .post("/api/v1/teams/payments/environments/dev/apps")
            .then()
            .statusCode(202)
            .extract()
            .path("operationId");
    var published =
        kafka.await(
            "slipway.deploy", r -> r.value().contains(operationId), 1, Duration.ofSeconds(20));
    assertThat(EventJson.read(EventCatalog.DEPLOY_REQUESTED, published.get(0).value()).planHash())
        .isEqualTo(hash);

    given()
        .auth()
        .oauth2(DeployCommandIT.alice())
        .contentType(ContentType.JSON)
        .body("{\"name\":\"" + app + "\",\"image\":\"ghcr.io/acme/x:1\",\"port\":8080}")
        .post("/api/v1/teams/payments/environments/dev/apps?planHash=nope")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("planHash"));
  }

  @Test
  void aRollbackIsACommandWithItsOwnEventAndProductionNeedsATechLead() throws Exception {
    String operationId =
        given()
            .auth()
            .oauth2(DeployCommandIT.alice())
            .contentType(ContentType.JSON)
            .body("{\"revision\": 2}")
            .post("/api/v1/teams/payments/environments/dev/apps/hello/rollback")
            .then()
            .statusCode(202)
            .extract()
            .path("operationId");
    var published =
        kafka.await(
            "slipway.deploy", r -> r.value().contains(operationId), 1, Duration.ofSeconds(20));
    assertThat(CloudEventRecords.header(published.get(0), "ce_type"))
        .contains(EventCatalog.ROLLBACK_REQUESTED.ceType());
    var rollback = EventJson.read(EventCatalog.ROLLBACK_REQUESTED, published.get(0).value());
    assertThat(rollback.revision()).isEqualTo(2);
    assertThat(rollback.app()).isEqualTo("hello");

    given()
        .auth()
        .oauth2(DeployCommandIT.alice())
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/api/v1/teams/payments/environments/dev/apps/hello/rollback")
        .then()
        .statusCode(400);
    given()
        .auth()
        .oauth2(DeployCommandIT.alice())
        .contentType(ContentType.JSON)
        .body("{\"revision\": 1}")
        .post("/api/v1/teams/payments/environments/production/apps/hello/rollback")
        .then()
        .statusCode(403);
  }

  @Test
  void onlyPlatformAdminsReachTheGoldenPathAndGuardRailRoutes() {
    String developer = DeployCommandIT.alice();
    given().auth().oauth2(developer).get("/api/v1/platform/golden-paths").then().statusCode(403);
    given()
        .auth()
        .oauth2(developer)
        .contentType(ContentType.JSON)
        .body("{\"rules\": []}")
        .put("/api/v1/platform/guard-rails")
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
    // An admin's request travels on to deploy-service (whatever answers there in this test: no
    // deploy-service runs, or another one on its port), never refused by the gateway itself.
    given()
        .auth()
        .oauth2(TestOidcServer.shared().token("pat", List.of("/platform-admin")))
        .get("/api/v1/platform/golden-paths")
        .then()
        .statusCode(org.hamcrest.Matchers.not(403));
  }
}
