package dev.slipway.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.slipway.testkit.oidc.TestOidcServer;
import dev.slipway.testkit.quarkus.SlipwayInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The gateway serves the web console: its files, its sign-in settings, deep links. */
@QuarkusTest
@WithTestResource(
    value = SlipwayInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "gateway"))
class ConsoleRoutesIT {

  @Test
  void settingsNameTheProviderTheGatewayTrustsAndTheConsolesClient() {
    given()
        .get("/console/config.json")
        .then()
        .statusCode(200)
        .header("Cache-Control", "no-store")
        .body("authority", equalTo(TestOidcServer.shared().issuer()))
        .body("clientId", equalTo("slipway-web"));
  }

  @Test
  void deepLinksOpenTheAppAndMissingFilesStayMissing() {
    String index = given().get("/console/").then().statusCode(200).extract().asString();
    given()
        .get("/console/teams/payments/envs/dev/apps/hello")
        .then()
        .statusCode(200)
        .contentType(containsString("text/html"))
        .body(equalTo(index))
        .body(containsString("<div id=\"root\">"));
    given().get("/console/assets/missing-1234.js").then().statusCode(404);
    given()
        .redirects()
        .follow(false)
        .get("/")
        .then()
        .statusCode(303)
        .header("Location", "/console/");
  }
}
