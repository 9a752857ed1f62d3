package dev.slipway.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.slipway.testkit.oidc.TestOidcServer;
import dev.slipway.testkit.oidc.TokenBuilder;
import dev.slipway.testkit.quarkus.SlipwayInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Every spoiled token answers 401 problem+json, whatever the route would have answered. */
@QuarkusTest
@QuarkusTestResource(
    value = SlipwayInfrastructure.class,
    restrictToAnnotatedClass = false,
    initArgs = @ResourceArg(name = "database", value = "gateway"))
@QuarkusTestResource(value = FakeEnvironmentService.class, restrictToAnnotatedClass = false)
class IdentityIT {

  private static final String ROUTE = "/api/v1/operations/" + UUID.randomUUID();

  private static String token(UnaryOperator<TokenBuilder> spoil) {
    return spoil
        .apply(
            TestOidcServer.shared().tokenFor("alice").groups(List.of("/teams/payments/developer")))
        .sign();
  }

  private static void unauthenticated(String token) {
    given()
        .auth()
        .oauth2(token)
        .get(ROUTE)
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .body("status", equalTo(401))
        .body("type", equalTo("https://slipway.dev/problems/unauthenticated"));
  }

  @Test
  void aGoodTokenPassesTheDoor() {
    // The operation does not exist: 404 proves the token itself was accepted.
    given().auth().oauth2(token(t -> t)).get(ROUTE).then().statusCode(404);
  }

  @Test
  void anExpiredTokenIsUnauthenticated() {
    unauthenticated(token(TokenBuilder::expired));
  }

  @Test
  void aTokenNotYetValidIsUnauthenticated() {
    unauthenticated(token(t -> t.claim("nbf", Instant.now().plusSeconds(3600).getEpochSecond())));
  }

  @Test
  void aTokenOfAnotherIssuerIsUnauthenticated() {
    unauthenticated(token(t -> t.issuer("https://evil.example.com/realms/slipway")));
  }

  @Test
  void aTokenForAnotherAudienceIsUnauthenticated() {
    unauthenticated(token(t -> t.audience("another-app")));
  }

  @Test
  void aTokenSignedWithAnUnknownKeyIsUnauthenticated() {
    unauthenticated(token(TokenBuilder::signedWithUnknownKey));
  }

  @Test
  void anUnsignedTokenWithAlgNoneIsUnauthenticated() {
    String good = token(t -> t);
    String payload = good.split("\\.")[1];
    String header =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    unauthenticated(header + "." + payload + ".");
  }

  @Test
  void aTamperedPayloadIsUnauthenticated() {
    String[] parts = token(t -> t).split("\\.");
    String admin =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                    .replace("/teams/payments/developer", "/platform-admin")
                    .getBytes(StandardCharsets.UTF_8));
    unauthenticated(parts[0] + "." + admin + "." + parts[2]);
  }

  @Test
  void garbageAndMissingTokensAreUnauthenticated() {
    unauthenticated("not-a-jwt");
    given()
        .get(ROUTE)
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .header("WWW-Authenticate", equalTo("Bearer"));
  }
}
