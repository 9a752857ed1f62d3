package dev.slipway.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.slipway.testkit.oidc.TestOidcServer;
import dev.slipway.testkit.quarkus.SlipwayInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gateway's secret routes: team and environment checks, production reveal refused here. */
@QuarkusTest
@WithTestResource(
    value = SlipwayInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "gateway"))
@WithTestResource(FakeEnvironmentService.class)
@WithTestResource(FakeSecretService.class)
class SecretRoutesIT {

  private static final String DEV = "/api/v1/teams/payments/environments/dev/secrets";
  private static final String PROD = "/api/v1/teams/payments/environments/production/secrets";

  @Test
  void secretRoutesRelayToSecretServiceWithTheCallersToken() {
    given()
        .auth()
        .oauth2(alice())
        .contentType(ContentType.JSON)
        .body("{\"name\":\"db\",\"values\":{\"k\":\"v1\"}}")
        .post(DEV)
        .then()
        .statusCode(201)
        .body("name", equalTo("db"));
    given().auth().oauth2(alice()).get(DEV).then().statusCode(200);
    given().auth().oauth2(alice()).post(DEV + "/db/rotate").then().statusCode(200);
    given()
        .auth()
        .oauth2(alice())
        .header("Idempotency-Key", "rotate-1")
        .post(DEV + "/db/rotate")
        .then()
        .statusCode(200);
    given()
        .auth()
        .oauth2(alice())
        .header("Idempotency-Key", "not valid")
        .delete(DEV + "/db")
        .then()
        .statusCode(400);
    given()
        .auth()
        .oauth2(alice())
        .get(DEV + "/db/value")
        .then()
        .statusCode(200)
        .header("Cache-Control", "no-store");
    assertThat(FakeSecretService.CALLS)
        .contains(
            "POST " + DEV + " bearer {\"name\":\"db\",\"values\":{\"k\":\"v1\"}}",
            "GET " + DEV + " bearer",
            "POST " + DEV + "/db/rotate bearer",
            "POST " + DEV + "/db/rotate bearer key=rotate-1",
            "GET " + DEV + "/db/value bearer");
    assertThat(FakeSecretService.CALLS).noneMatch(call -> call.startsWith("DELETE"));
  }

  @Test
  void productionValuesAreRefusedBeforeSecretServiceIsAsked() {
    for (String token :
        List.of(
            alice(),
            TestOidcServer.shared().token("root", List.of("/platform-admin")),
            TestOidcServer.shared().token("lead", List.of("/teams/payments/tech-lead")))) {
      given()
          .auth()
          .oauth2(token)
          .get(PROD + "/db/value")
          .then()
          .statusCode(403)
          .contentType("application/problem+json");
    }
    assertThat(FakeSecretService.CALLS).noneMatch(c -> c.contains("/production/secrets/db/value"));
  }

  @Test
  void anotherTeamOrAMissingEnvironmentIsNotFound() {
    String carol = TestOidcServer.shared().token("carol", List.of("/teams/search/developer"));
    given().auth().oauth2(carol).get(DEV).then().statusCode(404);
    given().auth().oauth2(carol).get(DEV + "/db/value").then().statusCode(404);
    given()
        .auth()
        .oauth2(alice())
        .get("/api/v1/teams/payments/environments/nowhere/secrets")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    given().auth().oauth2(alice()).post("/api/v1/platform/secrets/rewrap").then().statusCode(403);
    given()
        .auth()
        .oauth2(alice())
        .get(DEV + "/missing")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("detail", equalTo("Secret missing does not exist."));
    assertThat(FakeSecretService.CALLS).noneMatch(c -> c.contains("/nowhere/"));
  }

  private static String alice() {
    return TestOidcServer.shared().token("alice", List.of("/teams/payments/developer"));
  }
}
