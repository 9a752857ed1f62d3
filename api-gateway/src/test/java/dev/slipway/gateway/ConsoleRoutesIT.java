package dev.slipway.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.slipway.testkit.oidc.TestOidcServer;
import dev.slipway.testkit.quarkus.SlipwayInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

  @Test
  void everyConsoleResponseCarriesAPolicyThatAllowsOnlyTheGatewayAndTheProvider() {
    String provider = URI.create(TestOidcServer.shared().issuer()).resolve("/").toString();
    provider = provider.substring(0, provider.length() - 1);
    String index = given().get("/console/").then().statusCode(200).extract().asString();
    // The build must stay free of inline scripts: 'self' would refuse them.
    Matcher scripts = Pattern.compile("<script[^>]*>").matcher(index);
    while (scripts.find()) {
      assertThat(scripts.group()).as("an inline script in index.html").contains(" src=");
    }
    Matcher asset = Pattern.compile("src=\"(/console/assets/[^\"]+\\.js)\"").matcher(index);
    assertThat(asset.find()).as(index).isTrue();

    for (String path :
        new String[] {
          "/console/", "/console/teams/payments", asset.group(1), "/console/config.json"
        }) {
      Response response = given().get(path);
      assertThat(response.statusCode()).as(path).isEqualTo(200);
      String policy = response.header("Content-Security-Policy");
      assertThat(policy)
          .as(path)
          .contains("default-src 'self'")
          .contains("script-src 'self';")
          .contains("style-src 'self';")
          .contains("connect-src 'self' " + provider + ";")
          .contains("frame-ancestors 'none'")
          .contains("object-src 'none'")
          .doesNotContain("unsafe-inline")
          .doesNotContain("unsafe-eval");
      assertThat(response.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
      assertThat(response.header("X-Frame-Options")).as(path).isEqualTo("DENY");
      assertThat(response.header("Referrer-Policy")).as(path).isEqualTo("no-referrer");
    }
    // A missing asset is still a 404, with the headers; the API is not the console's business.
    given()
        .get("/console/assets/missing-1234.js")
        .then()
        .statusCode(404)
        .header("X-Content-Type-Options", "nosniff");
    given().get("/q/health-not-console").then().header("Content-Security-Policy", nullValue());
  }
}
