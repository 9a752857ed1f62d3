package dev.slipway.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.slipway.testkit.oidc.TestOidcServer;
import dev.slipway.testkit.quarkus.SlipwayInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The cost of a change where it is decided: a plan answers cost-service's monthly estimate and
 * delta, the approval of a deploy bound to that plan shows it, a clone answers its own; and with
 * cost-service down the plan still answers, the estimate marked unavailable.
 */
@QuarkusTest
@WithTestResource(
    value = SlipwayInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "gateway"))
@WithTestResource(FakeEnvironmentService.class)
@WithTestResource(FakePlanAndCosts.class)
class CostEstimateRoutesIT {

  static String alice() {
    return TestOidcServer.shared().token("alice", List.of("/teams/payments/developer"));
  }

  static String bob() {
    return TestOidcServer.shared().token("bob", List.of("/teams/payments/tech-lead"));
  }

  @AfterEach
  void costServiceBack() {
    FakePlanAndCosts.COST_DOWN = false;
  }

  @Test
  void aPlanAndItsApprovalShowTheMonthlyCostDelta() throws Exception {
    String app = "priced-" + UUID.randomUUID().toString().substring(0, 6);
    FakePlanAndCosts.ESTIMATE_REQUESTS.clear();
    given()
        .auth()
        .oauth2(alice())
        .contentType(ContentType.JSON)
        .body(spec(app))
        .post("/api/v1/teams/payments/environments/production/apps/" + app + "/plan")
        .then()
        .statusCode(200)
        .body("planHash", equalTo(FakePlanAndCosts.planHash(app)))
        .body("manifests[0].kind", equalTo("Deployment"))
        .body("costEstimate.available", equalTo(true))
        .body("costEstimate.monthlyAmount", equalTo(27.375f))
        .body("costEstimate.currentMonthlyAmount", equalTo(36.5f))
        .body("costEstimate.monthlyDelta", equalTo(-9.125f))
        .body("costEstimate.currency", equalTo("USD"));
    // cost-service was asked about the plan's rendered manifests in that environment
    String asked = FakePlanAndCosts.ESTIMATE_REQUESTS.poll(5, TimeUnit.SECONDS);
    assertThat(asked)
        .contains("\"environment\":\"production\"")
        .contains("\"kind\":\"Deployment\"");

    String operationId =
        given()
            .auth()
            .oauth2(alice())
            .contentType(ContentType.JSON)
            .queryParam("planHash", FakePlanAndCosts.planHash(app))
            .body(spec(app))
            .post("/api/v1/teams/payments/environments/production/apps")
            .then()
            .statusCode(202)
            .extract()
            .path("operationId");
    String approvalId =
        given()
            .auth()
            .oauth2(alice())
            .get("/api/v1/operations/" + operationId)
            .then()
            .statusCode(200)
            .extract()
            .path("result.approvalId");
    given()
        .auth()
        .oauth2(bob())
        .get("/api/v1/approvals")
        .then()
        .statusCode(200)
        .body("find { it.id == '" + approvalId + "' }.costEstimate.monthlyDelta", equalTo(-9.125f))
        .body("find { it.id == '" + approvalId + "' }.costEstimate.currency", equalTo("USD"))
        // The held spec, so that the approver can ask for its plan and see the diff.
        .body("find { it.id == '" + approvalId + "' }.spec.name", equalTo(app));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                FakePlanAndCosts.NOTIFICATIONS.stream()
                    .anyMatch(n -> n.contains(approvalId) && n.contains("-9.125 USD a month")));
    // Chat gets the summary, not the app's configuration.
    assertThat(FakePlanAndCosts.NOTIFICATIONS)
        .filteredOn(n -> n.contains(approvalId))
        .allSatisfy(n -> assertThat(n).doesNotContain("ghcr.io/acme/x:1.0"));
  }

  @Test
  void withCostServiceDownThePlanStillAnswersAndSaysSo() {
    FakePlanAndCosts.COST_DOWN = true;
    String app = "unpriced-" + UUID.randomUUID().toString().substring(0, 6);
    given()
        .auth()
        .oauth2(alice())
        .contentType(ContentType.JSON)
        .body(spec(app))
        .post("/api/v1/teams/payments/environments/dev/apps/" + app + "/plan")
        .then()
        .statusCode(200)
        .body("planHash", equalTo(FakePlanAndCosts.planHash(app)))
        .body("costEstimate.available", equalTo(false))
        .body("costEstimate.reason", equalTo("cost-service answered 503"));
  }

  @Test
  void aCloneAnswersWhatItWillCostAMonth() throws Exception {
    FakePlanAndCosts.ESTIMATE_REQUESTS.clear();
    given()
        .auth()
        .oauth2(alice())
        .contentType(ContentType.JSON)
        .body("{\"name\":\"pr-77\",\"kind\":\"preview\",\"overrides\":{\"replicas\":1}}")
        .post("/api/v1/teams/payments/environments/dev/clone")
        .then()
        .statusCode(202)
        .body("operationId", org.hamcrest.Matchers.notNullValue())
        .body("costEstimate.available", equalTo(true))
        .body("costEstimate.monthlyAmount", equalTo(109.5f));
    String asked = FakePlanAndCosts.ESTIMATE_REQUESTS.poll(5, TimeUnit.SECONDS);
    assertThat(asked)
        .contains("\"cloneOf\":\"dev\"")
        .contains("\"environment\":\"pr-77\"")
        .contains("\"replicas\":1");
  }

  private static String spec(String app) {
    return "{\"name\":\"" + app + "\",\"image\":\"ghcr.io/acme/x:1.0\",\"port\":8080}";
  }
}
