package dev.slipway.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.events.EventCatalog;
import dev.slipway.events.EventJson;
import dev.slipway.events.EventSchemas;
import dev.slipway.testkit.kafka.CloudEventRecords;
import dev.slipway.testkit.oidc.TestOidcServer;
import dev.slipway.testkit.quarkus.SlipwayInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * PUT /api/v1/teams/{team}/quota: environment-service's review decides (played by
 * FakeEnvironmentService, whose review the test sets); the gateway holds an increase for a second
 * person, bound to the change's hash, publishes a decrease at once, and relays a refusal unchanged
 * with nothing published. The quota's own rules are environment-service's TeamQuotaIT.
 */
@QuarkusTest
@WithTestResource(
    value = SlipwayInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "gateway"))
@WithTestResource(FakeEnvironmentService.class)
@WithTestResource(FakeUpstreams.class)
class QuotaRoutesIT {

  private static final String BODY = "{\"kinds\":{\"staging\":{\"cpu\":\"12\"}}}";

  private final CloudEventRecords kafka = CloudEventRecords.onSharedBroker();

  @Test
  void anIncreaseWaitsForASecondTechLeadAndApprovingPublishesExactlyTheReviewedChange()
      throws Exception {
    String team = uniqueTeam();
    String hash = "d".repeat(64);
    FakeEnvironmentService.QUOTA_REVIEWS.put(
        team, Map.entry(200, FakeEnvironmentService.review(team, true, hash)));

    String operationId =
        put(team, lead(team, "lena")).then().statusCode(202).extract().path("operationId");
    String approvalId =
        given()
            .auth()
            .oauth2(lead(team, "lena"))
            .get("/api/v1/operations/" + operationId)
            .then()
            .statusCode(200)
            .body("type", equalTo("CHANGE_QUOTA"))
            .body("state", equalTo("PENDING_APPROVAL"))
            .extract()
            .path("result.approvalId");
    assertThat(
            kafka.collect(
                "slipway.environment", r -> r.value().contains(operationId), Duration.ofSeconds(2)))
        .as("nothing changes before the approval")
        .isEmpty();
    given()
        .auth()
        .oauth2(lead(team, "mona"))
        .get("/api/v1/approvals")
        .then()
        .statusCode(200)
        .body("find { it.id == '" + approvalId + "' }.action", equalTo("quota.change"))
        .body("find { it.id == '" + approvalId + "' }.planHash", equalTo(hash));

    // The requester cannot approve their own increase; another tech lead of the team can.
    given()
        .auth()
        .oauth2(lead(team, "lena"))
        .post("/api/v1/approvals/" + approvalId + "/approve")
        .then()
        .statusCode(403);
    given()
        .auth()
        .oauth2(lead(team, "mona"))
        .post("/api/v1/approvals/" + approvalId + "/approve")
        .then()
        .statusCode(200);

    var published =
        kafka.await(
            "slipway.environment", r -> r.value().contains(operationId), 1, Duration.ofSeconds(20));
    assertThat(CloudEventRecords.header(published.get(0), "ce_type"))
        .contains(EventCatalog.TEAM_QUOTA_CHANGE_REQUESTED.ceType());
    JsonNode command = EventJson.mapper().readTree(published.get(0).value());
    assertThat(EventSchemas.validate(EventCatalog.TEAM_QUOTA_CHANGE_REQUESTED, command)).isEmpty();
    assertThat(command.path("changeHash").asText()).isEqualTo(hash);
    assertThat(command.path("quota").path("staging").path("cpu").asText()).isEqualTo("12");
    assertThat(command.path("actor").path("username").asText()).isEqualTo("lena");
  }

  @Test
  void aDecreaseIsPublishedAtOnceAndItsOutcomeEndsTheOperation() throws Exception {
    String team = uniqueTeam();
    FakeEnvironmentService.QUOTA_REVIEWS.put(
        team, Map.entry(200, FakeEnvironmentService.review(team, false, "e".repeat(64))));

    String operationId =
        put(team, lead(team, "lena")).then().statusCode(202).extract().path("operationId");
    kafka.await(
        "slipway.environment", r -> r.value().contains(operationId), 1, Duration.ofSeconds(20));

    ObjectNode changed = example();
    changed.put("operationId", operationId);
    changed.put("team", team);
    kafka.publish(
        "slipway.environment", team, EventCatalog.TEAM_QUOTA_CHANGED.ceType(), changed.toString());
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                given()
                    .auth()
                    .oauth2(lead(team, "lena"))
                    .get("/api/v1/operations/" + operationId)
                    .then()
                    .body("state", equalTo("SUCCEEDED"))
                    .body("result.quota.staging.cpu", equalTo("12")));
  }

  @Test
  void aRefusedReviewIsRelayedAsItsProblemAndNothingIsPublished() {
    String team = uniqueTeam();
    FakeEnvironmentService.QUOTA_REVIEWS.put(
        team,
        Map.entry(
            400,
            "{\"type\":\"https://slipway.dev/problems/invalid-request\",\"status\":400,"
                + "\"errors\":[{\"field\":\"kinds.staging.cpu\",\"reason\":\"must be a Kubernetes"
                + " quantity, such as 8 or 500m\"}]}"));
    long before = GatewayDatabase.commandsPublished();

    put(team, lead(team, "lena"))
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("kinds.staging.cpu"));
    assertThat(GatewayDatabase.commandsPublished()).isEqualTo(before);

    given()
        .auth()
        .oauth2(TestOidcServer.shared().token("dora", List.of("/teams/" + team + "/developer")))
        .contentType(ContentType.JSON)
        .body(BODY)
        .put("/api/v1/teams/" + team + "/quota")
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
    assertThat(GatewayDatabase.commandsPublished()).isEqualTo(before);
  }

  private static io.restassured.response.Response put(String team, String token) {
    return given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body(BODY)
        .put("/api/v1/teams/" + team + "/quota");
  }

  private static String lead(String team, String name) {
    return TestOidcServer.shared().token(name, List.of("/teams/" + team + "/tech-lead"));
  }

  private static String uniqueTeam() {
    return "q" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
  }

  private static ObjectNode example() throws Exception {
    try (InputStream in =
        QuotaRoutesIT.class.getResourceAsStream(
            EventCatalog.TEAM_QUOTA_CHANGED.exampleResource())) {
      return (ObjectNode) EventJson.mapper().readTree(in);
    }
  }
}
