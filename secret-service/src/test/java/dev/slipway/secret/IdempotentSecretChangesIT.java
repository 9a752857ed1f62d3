package dev.slipway.secret;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.events.EventCatalog;
import dev.slipway.events.EventJson;
import dev.slipway.events.Topics;
import dev.slipway.secret.support.FakeUpstreams;
import dev.slipway.testkit.kafka.CloudEventRecords;
import dev.slipway.testkit.kubernetes.KubernetesTestResource;
import dev.slipway.testkit.kubernetes.LocalKubernetes;
import dev.slipway.testkit.oidc.TestOidcServer;
import dev.slipway.testkit.quarkus.SlipwayInfrastructure;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Secret changes sent with an Idempotency-Key, as a client retrying after a lost answer sends them:
 * the same key makes the change once and answers the same again, also when the retries race the
 * first request; a key reused for another change is refused.
 */
@QuarkusTest
@QuarkusTestResource(
    value = SlipwayInfrastructure.class,
    restrictToAnnotatedClass = false,
    initArgs = @ResourceArg(name = "database", value = "secret"))
@QuarkusTestResource(
    value = KubernetesTestResource.class,
    restrictToAnnotatedClass = false,
    initArgs = @ResourceArg(name = "service-account", value = "secret-service"))
@QuarkusTestResource(value = FakeUpstreams.class, restrictToAnnotatedClass = false)
class IdempotentSecretChangesIT {

  private static final String ENV = "idem";
  private static final String SECRETS = "/api/v1/teams/payments/environments/" + ENV + "/secrets";

  @BeforeAll
  static void environment() {
    LocalKubernetes.shared()
        .adminClient()
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName("payments-" + ENV)
                .endMetadata()
                .build())
        .serverSideApply();
    ObjectNode created = EventJson.mapper().createObjectNode();
    created
        .put("operationId", UUID.randomUUID().toString())
        .put("team", "payments")
        .put("environment", ENV)
        .put("kind", "development")
        .put("namespace", "payments-" + ENV)
        .put("createdAt", Instant.now().toString());
    CloudEventRecords.onSharedBroker()
        .publish(
            Topics.ENVIRONMENT,
            "payments/" + ENV,
            EventCatalog.ENVIRONMENT_CREATED.ceType(),
            created.toString());
  }

  @Test
  void aRetriedCreateAndRotateChangeOnceAndAnswerTheSame() {
    String name = "retried-" + shortId();
    String createKey = UUID.randomUUID().toString();
    Response first = create(name, createKey);
    Response retry = create(name, createKey);
    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(retry.statusCode()).isEqualTo(201);
    assertThat(retry.jsonPath().getMap("$")).isEqualTo(first.jsonPath().getMap("$"));

    String rotateKey = "\"" + UUID.randomUUID() + "\"";
    rotate(name, rotateKey).then().statusCode(200).body("version", equalTo(2));
    rotate(name, rotateKey).then().statusCode(200).body("version", equalTo(2));
    rotate(name, UUID.randomUUID().toString()).then().statusCode(200).body("version", equalTo(3));

    assertThat(versions(name)).containsExactly(3, 2, 1);
  }

  @Test
  void retriesRacingTheFirstRequestWaitForItAndReplayItsAnswer() {
    String name = "raced-" + shortId();
    create(name, null).then().statusCode(201);
    String key = UUID.randomUUID().toString();

    List<CompletableFuture<Response>> racing =
        IntStream.range(0, 6)
            .mapToObj(i -> CompletableFuture.supplyAsync(() -> rotate(name, key)))
            .toList();

    List<Integer> answered =
        racing.stream()
            .map(CompletableFuture::join)
            .map(r -> r.then().statusCode(200))
            .map(r -> r.extract().jsonPath().getInt("version"))
            .toList();
    assertThat(answered).containsOnly(2);
    assertThat(versions(name)).containsExactly(2, 1);
  }

  @Test
  void aKeyReusedForAnotherChangeIsA422AndChangesNothing() {
    String name = "reused-" + shortId();
    String key = UUID.randomUUID().toString();
    create(name, key).then().statusCode(201);

    rotate(name, key)
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("type", equalTo("https://slipway.dev/problems/idempotency-key-reused"))
        .body("errors[0].field", equalTo("Idempotency-Key"));
    assertThat(versions(name)).containsExactly(1);

    // Another user's request with the same key is another change too.
    given()
        .auth()
        .oauth2(TestOidcServer.shared().token("carol", List.of("/teams/payments/developer")))
        .header("Idempotency-Key", key)
        .post(SECRETS + "/" + name + "/rotate")
        .then()
        .statusCode(422);
  }

  @Test
  void aRetriedDeleteIsA204AgainAndAMalformedKeyIsA400() {
    String name = "deleted-" + shortId();
    create(name, null).then().statusCode(201);
    String key = UUID.randomUUID().toString();
    for (int i = 0; i < 2; i++) {
      given()
          .auth()
          .oauth2(alice())
          .header("Idempotency-Key", key)
          .delete(SECRETS + "/" + name)
          .then()
          .statusCode(204);
    }
    given().auth().oauth2(alice()).delete(SECRETS + "/" + name).then().statusCode(404);

    rotate(name, "has space")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("Idempotency-Key"));
  }

  private static Response create(String name, String key) {
    var request =
        given()
            .auth()
            .oauth2(alice())
            .contentType(ContentType.JSON)
            .body(Map.of("name", name, "values", Map.of("token", "t-" + UUID.randomUUID())));
    if (key != null) {
      request.header("Idempotency-Key", key);
    }
    return request.post(SECRETS);
  }

  private static Response rotate(String name, String key) {
    return given()
        .auth()
        .oauth2(alice())
        .header("Idempotency-Key", key)
        .post(SECRETS + "/" + name + "/rotate");
  }

  private static List<Integer> versions(String name) {
    return given()
        .auth()
        .oauth2(alice())
        .get(SECRETS + "/" + name + "/versions")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("version", Integer.class);
  }

  private static String shortId() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  private static String alice() {
    return TestOidcServer.shared().token("alice", List.of("/teams/payments/developer"));
  }
}
