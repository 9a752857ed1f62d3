package dev.slipway.cost;

import static io.restassured.RestAssured.given;

import dev.slipway.testkit.oidc.TestOidcServer;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;

/** Calls of the cost API as a team's developer, tech lead, or a platform admin. */
final class Api {

  private Api() {}

  static RequestSpecification as(String user, String... groups) {
    return given()
        .auth()
        .oauth2(TestOidcServer.shared().token(user, List.of(groups)))
        .accept(ContentType.JSON)
        .contentType(ContentType.JSON);
  }

  static RequestSpecification admin() {
    return as("admin", "/platform-admin");
  }

  static RequestSpecification developer(String team) {
    return as("dev-" + team, "/teams/" + team + "/developer");
  }

  static RequestSpecification techLead(String team) {
    return as("lead-" + team, "/teams/" + team + "/tech-lead");
  }
}
