package dev.slipway.audit;

import static io.restassured.RestAssured.given;

import dev.slipway.testkit.oidc.TestOidcServer;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;

/** Calls of the audit API as the demo users of the local run. */
final class Api {

  static final String ALICE = "alice"; // payments developer
  static final String CAROL = "carol"; // search developer
  static final String ADMIN = "admin"; // platform admin

  private static final Map<String, List<String>> GROUPS =
      Map.of(
          ALICE, List.of("/teams/payments/developer"),
          CAROL, List.of("/teams/search/developer"),
          ADMIN, List.of("/platform-admin"));

  private Api() {}

  static RequestSpecification as(String user) {
    return given()
        .auth()
        .oauth2(TestOidcServer.shared().token(user, GROUPS.get(user)))
        .accept("application/json");
  }

  /** GET /api/v1/audit with the given filters, expecting 200. */
  static JsonPath search(String user, Map<String, ?> filters) {
    return as(user)
        .queryParams(filters)
        .get("/api/v1/audit")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  static List<Map<String, Object>> trail(String user, String operationId) {
    return search(user, Map.of("operationId", operationId)).getList("items");
  }
}
