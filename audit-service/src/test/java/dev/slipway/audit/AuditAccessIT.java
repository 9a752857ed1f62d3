package dev.slipway.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.slipway.events.EventCatalog;
import dev.slipway.events.Topics;
import dev.slipway.testkit.oidc.TestOidcServer;
import dev.slipway.testkit.quarkus.SlipwayInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(
    value = SlipwayInfrastructure.class,
    restrictToAnnotatedClass = false,
    initArgs = @ResourceArg(name = "database", value = "audit"))
class AuditAccessIT {

  private String operationId;

  @BeforeEach
  void aPaymentsDeployIsAudited() {
    operationId = UUID.randomUUID().toString();
    CloudEvents.send(
        Topics.DEPLOY,
        EventCatalog.DEPLOY_REQUESTED.ceType(),
        "payments/dev/hello",
        CloudEvents.example(EventCatalog.DEPLOY_REQUESTED, operationId).toString());
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> Api.trail(Api.ADMIN, operationId).size() == 1);
  }

  @Test
  void anotherTeamSeesNothingOfPayments() {
    assertThat(Api.trail(Api.CAROL, operationId)).isEmpty();
    assertThat(Api.search(Api.CAROL, Map.of("team", "payments")).getList("items")).isEmpty();
    assertThat(Api.search(Api.CAROL, Map.of("limit", 1000)).getList("items.team"))
        .doesNotContain("payments");
  }

  @Test
  void theTeamAndPlatformAdminsSeeIt() {
    assertThat(Api.trail(Api.ALICE, operationId)).hasSize(1);
    assertThat(
            Api.search(Api.ALICE, Map.of("team", "payments", "operationId", operationId))
                .getList("items"))
        .hasSize(1);
    assertThat(Api.trail(Api.ADMIN, operationId)).hasSize(1);
  }

  @Test
  void withoutATokenTheLogIsClosed() {
    given().get("/api/v1/audit").then().statusCode(401);
    given().get("/api/v1/audit/verify").then().statusCode(401);
  }

  @Test
  void aTokenForAnotherAudienceOrExpiredIsRefused() {
    var oidc = TestOidcServer.shared();
    var groups = List.of("/teams/payments/developer");
    String otherAudience = oidc.tokenFor("alice").groups(groups).audience("not-slipway").sign();
    String expired = oidc.tokenFor("alice").groups(groups).expired().sign();

    given().auth().oauth2(otherAudience).get("/api/v1/audit").then().statusCode(401);
    given().auth().oauth2(expired).get("/api/v1/audit").then().statusCode(401);
  }

  @Test
  void onlyPlatformAdminsVerifyTheChain() {
    Api.as(Api.ALICE)
        .get("/api/v1/audit/verify")
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("status", equalTo(403));
  }
}
