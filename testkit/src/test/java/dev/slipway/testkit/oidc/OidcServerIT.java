package dev.slipway.testkit.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jose4j.jwt.consumer.ErrorCodes.AUDIENCE_INVALID;
import static org.jose4j.jwt.consumer.ErrorCodes.ISSUER_INVALID;
import static org.jose4j.jwt.consumer.ErrorCodes.SIGNATURE_INVALID;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.VerificationJwkSelector;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;

// Not "TestOidcServerIT": surefire would take a Test* class as a unit test.
class OidcServerIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private final TestOidcServer oidc = TestOidcServer.shared();

  @Test
  void discoveryDocumentHasWhatQuarkusOidcReads() throws Exception {
    Map<String, Object> discovery = getJson(oidc.issuer() + "/.well-known/openid-configuration");

    assertThat(oidc.issuer()).matches("http://127\\.0\\.0\\.1:\\d+/realms/slipway");
    assertThat(discovery)
        .containsEntry("issuer", oidc.issuer())
        .containsEntry("jwks_uri", oidc.issuer() + "/protocol/openid-connect/certs")
        .containsEntry("token_endpoint", oidc.issuer() + "/protocol/openid-connect/token")
        .containsEntry("authorization_endpoint", oidc.issuer() + "/protocol/openid-connect/auth");
    assertThat(send(oidc.issuer() + "/protocol/openid-connect/token").statusCode()).isEqualTo(400);
  }

  @Test
  void tokenVerifiesAgainstThePublishedKeys() throws Exception {
    String token =
        oidc.token("alice", List.of("/teams/payments/developer", "/teams/payments/tech-lead"));

    JwtClaims claims = consumer(oidc.issuer(), "slipway").processToClaims(token);

    assertThat(claims.getIssuer()).isEqualTo(oidc.issuer());
    assertThat(claims.getAudience()).containsExactly("slipway");
    assertThat(claims.getStringClaimValue("preferred_username")).isEqualTo("alice");
    assertThat(claims.getStringClaimValue("azp")).isEqualTo("slipway");
    assertThat(claims.getStringListClaimValue("groups"))
        .containsExactly("/teams/payments/developer", "/teams/payments/tech-lead");
    assertThat(claims.getSubject()).isEqualTo(TestOidcServer.subjectOf("alice"));
    assertThat(claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue())
        .isEqualTo(3600);
  }

  @Test
  void expiredTokenHasExpiryInThePastAndIsRejected() throws Exception {
    String token = oidc.tokenFor("bob").groups(List.of("/platform-admin")).expired().sign();

    JwtClaims claims = JwtClaims.parse(payloadOf(token));
    assertThat(claims.getExpirationTime().getValue()).isLessThan(Instant.now().getEpochSecond());
    assertThatThrownBy(() -> consumer(oidc.issuer(), "slipway").processToClaims(token))
        .isInstanceOfSatisfying(
            InvalidJwtException.class, e -> assertThat(e.hasExpired()).isTrue());
  }

  @Test
  void badTokensAreRejected() throws Exception {
    JwtConsumer consumer = consumer(oidc.issuer(), "slipway");

    assertRejected(consumer, oidc.tokenFor("eve").issuer("http://evil").sign(), ISSUER_INVALID);
    assertRejected(consumer, oidc.tokenFor("eve").audience("other").sign(), AUDIENCE_INVALID);
    assertRejected(consumer, oidc.tokenFor("eve").signedWithUnknownKey().sign(), SIGNATURE_INVALID);
    assertThat(consumer.processToClaims(oidc.tokenFor("eve").sign()).getSubject()).isNotBlank();
  }

  @Test
  void codeFlowWithPkceSignsInARegisteredUserOnce() throws Exception {
    oidc.registerUser("dora", "s3cret", List.of("/teams/payments/developer"));
    String verifier = "a-verifier-of-at-least-forty-three-characters-0123456789";
    String auth =
        oidc.issuer()
            + "/protocol/openid-connect/auth?response_type=code&client_id=slipway-web"
            + "&redirect_uri=http%3A%2F%2F127.0.0.1%3A9%2Fconsole%2Fcallback&state=s1&nonce=n1"
            + "&code_challenge="
            + LoginFlow.s256(verifier)
            + "&code_challenge_method=S256";
    assertThat(send(auth).body()).contains("name=\"username\"", "name=\"password\"");
    assertThat(post(auth, "username=dora&password=wrong").statusCode()).isEqualTo(401);

    HttpResponse<String> login = post(auth, "username=dora&password=s3cret");
    assertThat(login.statusCode()).isEqualTo(302);
    String location = login.headers().firstValue("Location").orElseThrow();
    assertThat(location)
        .startsWith("http://127.0.0.1:9/console/callback?code=")
        .endsWith("&state=s1");
    String code = location.substring(location.indexOf("code=") + 5, location.indexOf("&state"));
    String token = oidc.issuer() + "/protocol/openid-connect/token";
    String exchange =
        "grant_type=authorization_code&client_id=slipway-web&code="
            + code
            + "&redirect_uri=http%3A%2F%2F127.0.0.1%3A9%2Fconsole%2Fcallback&code_verifier=";

    HttpResponse<String> tokens = post(token, exchange + verifier);
    assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
    assertThat(tokens.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    Map<String, Object> body = JsonUtil.parseJson(tokens.body());
    JwtClaims access =
        consumer(oidc.issuer(), "slipway").processToClaims((String) body.get("access_token"));
    assertThat(access.getStringClaimValue("preferred_username")).isEqualTo("dora");
    assertThat(access.getStringListClaimValue("groups"))
        .containsExactly("/teams/payments/developer");
    JwtClaims id =
        consumer(oidc.issuer(), "slipway-web").processToClaims((String) body.get("id_token"));
    assertThat(id.getStringClaimValue("nonce")).isEqualTo("n1");
    // A code is good once, and only with the verifier of its challenge.
    assertThat(post(token, exchange + verifier).statusCode()).isEqualTo(400);
    String other =
        post(auth, "username=dora&password=s3cret").headers().firstValue("Location").orElseThrow();
    String otherCode = other.substring(other.indexOf("code=") + 5, other.indexOf("&state"));
    assertThat(post(token, exchange.replace(code, otherCode) + "x" + verifier).statusCode())
        .isEqualTo(400);
  }

  private static HttpResponse<String> post(String url, String form) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static void assertRejected(JwtConsumer consumer, String token, int errorCode) {
    assertThatThrownBy(() -> consumer.processToClaims(token))
        .isInstanceOfSatisfying(
            InvalidJwtException.class, e -> assertThat(e.hasErrorCode(errorCode)).isTrue());
  }

  private JwtConsumer consumer(String issuer, String audience) throws Exception {
    JsonWebKeySet keys =
        new JsonWebKeySet(send(oidc.issuer() + "/protocol/openid-connect/certs").body());
    return new JwtConsumerBuilder()
        .setExpectedIssuer(issuer)
        .setExpectedAudience(audience)
        .setRequireExpirationTime()
        .setRequireSubject()
        .setVerificationKeyResolver(
            (jws, context) -> {
              try {
                return new VerificationJwkSelector().select(jws, keys.getJsonWebKeys()).getKey();
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            })
        .build();
  }

  private static String payloadOf(String token) throws Exception {
    JsonWebSignature jws = new JsonWebSignature();
    jws.setCompactSerialization(token);
    return jws.getUnverifiedPayload();
  }

  private static Map<String, Object> getJson(String url) throws Exception {
    HttpResponse<String> response = send(url);
    assertThat(response.statusCode()).isEqualTo(200);
    return JsonUtil.parseJson(response.body());
  }

  private static HttpResponse<String> send(String url) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
