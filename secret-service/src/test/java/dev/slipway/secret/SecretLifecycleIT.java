package dev.slipway.secret;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.events.EventCatalog;
import dev.slipway.events.EventJson;
import dev.slipway.events.Topics;
import dev.slipway.secret.support.FakeUpstreams;
import dev.slipway.secret.support.LogCapture;
import dev.slipway.testkit.kafka.CloudEventRecords;
import dev.slipway.testkit.kubernetes.KubernetesTestResource;
import dev.slipway.testkit.kubernetes.LocalKubernetes;
import dev.slipway.testkit.oidc.TestOidcServer;
import dev.slipway.testkit.quarkus.SlipwayInfrastructure;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * secret-service over real PostgreSQL, Kafka and kube-apiserver, running with its production RBAC
 * (the {@code secret-service} ServiceAccount of k8s/rbac). The last test is the canary scan: no
 * value any test created appears in a log line, a Kafka record, an error or a Kubernetes event.
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
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecretLifecycleIT {

  static final Set<String> CANARIES = ConcurrentHashMap.newKeySet();
  private static final String BASE = "/api/v1/teams/payments/environments/";
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final CloudEventRecords kafka = CloudEventRecords.onSharedBroker();
  private LogCapture logs;

  @Inject Pool pool;

  @BeforeAll
  static void namespacesAndKinds() {
    KubernetesClient admin = LocalKubernetes.shared().adminClient();
    for (String ns : List.of("payments-dev", "payments-prod", "payments-qa", "payments-prod2")) {
      admin
          .namespaces()
          .resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
          .serverSideApply();
    }
    var kafka = CloudEventRecords.onSharedBroker();
    kafka.publish(
        Topics.ENVIRONMENT,
        "payments/dev",
        EventCatalog.ENVIRONMENT_CREATED.ceType(),
        environmentCreated("dev", "development"));
    kafka.publish(
        Topics.ENVIRONMENT,
        "payments/prod",
        EventCatalog.ENVIRONMENT_CREATED.ceType(),
        environmentCreated("prod", "production"));
  }

  @BeforeEach
  void captureLogs() {
    logs = LogCapture.install();
  }

  @Test
  @Order(1)
  void createListRevealRotateAndDeleteWithoutEverShowingAValueOutsideReveal() {
    String url = canary();
    String password = canary();
    given()
        .auth()
        .oauth2(alice())
        .contentType(ContentType.JSON)
        .body(Map.of("name", "db-credentials", "values", Map.of("url", url, "password", password)))
        .post(BASE + "dev/secrets")
        .then()
        .statusCode(201)
        .body("version", equalTo(1))
        .body("keys", contains("password", "url"));

    KubernetesClient admin = LocalKubernetes.shared().adminClient();
    Secret secret = admin.secrets().inNamespace("payments-dev").withName("db-credentials").get();
    assertThat(decode(secret, "url")).isEqualTo(url);
    assertThat(secret.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/managed-by", "slipway")
        .containsEntry("slipway.dev/team", "payments")
        .containsEntry("slipway.dev/environment", "dev");
    assertThat(secret.getMetadata().getManagedFields())
        .anySatisfy(f -> assertThat(f.getManager()).isEqualTo("slipway-secret"));

    String list =
        given()
            .auth()
            .oauth2(alice())
            .get(BASE + "dev/secrets")
            .then()
            .statusCode(200)
            .body("[0].name", equalTo("db-credentials"))
            .body("[0].keys", contains("password", "url"))
            .body("[0].referencedBy", contains("checkout"))
            .extract()
            .asString();
    assertThat(list).doesNotContain(url).doesNotContain(password);

    // Reveal (development): the values, and an audit event without them.
    awaitKindKnown("dev", "db-credentials");
    given()
        .auth()
        .oauth2(alice())
        .get(BASE + "dev/secrets/db-credentials/value")
        .then()
        .statusCode(200)
        .header("Cache-Control", "no-store")
        .body("values.url", equalTo(url))
        .body("version", equalTo(1));
    var revealed =
        kafka.await(
            Topics.SECRET,
            CloudEventRecords.ofType(EventCatalog.SECRET_REVEALED.ceType()),
            1,
            WAIT);
    assertThat(revealed).isNotEmpty();

    // Rotate now: a new version, applied, announced with a hash that is on the Secret too.
    given()
        .auth()
        .oauth2(alice())
        .post(BASE + "dev/secrets/db-credentials/rotate")
        .then()
        .statusCode(200)
        .body("version", equalTo(2));
    Secret rotated = admin.secrets().inNamespace("payments-dev").withName("db-credentials").get();
    assertThat(decode(rotated, "password")).isNotEqualTo(password).hasSize(32);
    CANARIES.add(decode(rotated, "password"));
    var rotatedEvents =
        kafka.await(
            Topics.SECRET,
            r ->
                CloudEventRecords.ofType(EventCatalog.SECRET_ROTATED.ceType()).test(r)
                    && r.value().contains("\"db-credentials\"")
                    && r.value().contains("\"environment\":\"dev\""),
            1,
            WAIT);
    var event = EventJson.read(EventCatalog.SECRET_ROTATED, rotatedEvents.get(0).value());
    assertThat(event.version()).isEqualTo(2);
    assertThat(event.trigger()).isEqualTo("rotate");
    assertThat(rotated.getMetadata().getAnnotations())
        .containsEntry("slipway.dev/secret-version-hash", event.versionHash());

    given()
        .auth()
        .oauth2(alice())
        .get(BASE + "dev/secrets/db-credentials/versions")
        .then()
        .statusCode(200)
        .body("version", contains(2, 1))
        .body("trigger", contains("rotate", "create"));
    given()
        .auth()
        .oauth2(alice())
        .get(BASE + "dev/secrets/db-credentials")
        .then()
        .statusCode(200)
        .body("lastRotatedAt", org.hamcrest.Matchers.notNullValue());

    // Update with new values: version 3.
    String updated = canary();
    given()
        .auth()
        .oauth2(alice())
        .contentType(ContentType.JSON)
        .body(Map.of("values", Map.of("url", updated, "password", canary())))
        .put(BASE + "dev/secrets/db-credentials")
        .then()
        .statusCode(200)
        .body("version", equalTo(3));
    assertThat(
            decode(
                admin.secrets().inNamespace("payments-dev").withName("db-credentials").get(),
                "url"))
        .isEqualTo(updated);

    given()
        .auth()
        .oauth2(alice())
        .delete(BASE + "dev/secrets/db-credentials")
        .then()
        .statusCode(204);
    assertThat(admin.secrets().inNamespace("payments-dev").withName("db-credentials").get())
        .isNull();
    assertThat(
            kafka.await(
                Topics.SECRET,
                CloudEventRecords.ofType(EventCatalog.SECRET_DELETED.ceType()),
                1,
                WAIT))
        .isNotEmpty();
  }

  @Test
  @Order(2)
  void productionValuesAreNeverShownToAnyoneIncludingPlatformAdmins() {
    given()
        .auth()
        .oauth2(alice())
        .contentType(ContentType.JSON)
        .body(Map.of("name", "api-key", "values", Map.of("key", canary())))
        .post(BASE + "prod/secrets")
        .then()
        .statusCode(201);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                given()
                    .auth()
                    .oauth2(alice())
                    .get(BASE + "prod/secrets/api-key/value")
                    .then()
                    .statusCode(403)
                    .body("detail", org.hamcrest.Matchers.containsString("never shown")));
    for (String token :
        List.of(
            TestOidcServer.shared().token("lead", List.of("/teams/payments/tech-lead")),
            TestOidcServer.shared()
                .token("root", List.of("/platform-admin", "/teams/payments/tech-lead")),
            TestOidcServer.shared().token("ops", List.of("/platform-admin")))) {
      given()
          .auth()
          .oauth2(token)
          .get(BASE + "prod/secrets/api-key/value")
          .then()
          .statusCode(403)
          .contentType("application/problem+json");
    }
  }

  @Test
  @Order(3)
  void badInputIsRefusedWithProblemJsonAndNothingIsStored() {
    String value = canary();
    Response invalidKey =
        given()
            .auth()
            .oauth2(alice())
            .contentType(ContentType.JSON)
            .body(Map.of("name", "broken", "values", Map.of("bad key!", value, "ok", value)))
            .post(BASE + "dev/secrets");
    invalidKey
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", hasItem("values.bad key!"));
    assertThat(invalidKey.asString()).doesNotContain(value);

    String huge = "x".repeat(1024 * 1024);
    given()
        .auth()
        .oauth2(alice())
        .contentType(ContentType.JSON)
        .body(Map.of("name", "huge", "values", Map.of("blob", huge)))
        .post(BASE + "dev/secrets")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("values"));

    // A value where an object belongs: the error must not quote it.
    Response wrongShape =
        given()
            .auth()
            .oauth2(alice())
            .contentType(ContentType.JSON)
            .body("{\"name\":\"shape\",\"values\":\"" + value + "\"}")
            .post(BASE + "dev/secrets");
    wrongShape.then().statusCode(400).contentType("application/problem+json");
    assertThat(wrongShape.asString()).doesNotContain(value);
    Response notJson =
        given()
            .auth()
            .oauth2(alice())
            .contentType(ContentType.JSON)
            .body("{\"name\":\"x\",\"values\":{\"k\":\"" + value + "\"")
            .post(BASE + "dev/secrets");
    notJson.then().statusCode(400);
    assertThat(notJson.asString()).doesNotContain(value);

    for (String name : List.of("broken", "huge", "shape", "x")) {
      given().auth().oauth2(alice()).get(BASE + "dev/secrets/" + name).then().statusCode(404);
      assertThat(
              LocalKubernetes.shared()
                  .adminClient()
                  .secrets()
                  .inNamespace("payments-dev")
                  .withName(name)
                  .get())
          .isNull();
    }
    given()
        .auth()
        .oauth2(alice())
        .get(BASE + "dev/secrets/nope")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    given().auth().oauth2(alice()).post(BASE + "dev/secrets/nope/rotate").then().statusCode(404);

    // Another team's secret: the same 404 as a missing one.
    given()
        .auth()
        .oauth2(alice())
        .contentType(ContentType.JSON)
        .body(Map.of("name", "mine", "values", Map.of("k", canary())))
        .post(BASE + "dev/secrets")
        .then()
        .statusCode(201);
    String carol = TestOidcServer.shared().token("carol", List.of("/teams/search/developer"));
    for (String path : List.of("", "/value", "/versions")) {
      given()
          .auth()
          .oauth2(carol)
          .get(BASE + "dev/secrets/mine" + path)
          .then()
          .statusCode(404)
          .contentType("application/problem+json");
    }
    given().auth().oauth2(carol).delete(BASE + "dev/secrets/mine").then().statusCode(404);
    given().get(BASE + "dev/secrets").then().statusCode(401);

    // Creating the same name twice is a conflict; the first stays intact.
    given()
        .auth()
        .oauth2(alice())
        .contentType(ContentType.JSON)
        .body(Map.of("name", "mine", "values", Map.of("k", canary())))
        .post(BASE + "dev/secrets")
        .then()
        .statusCode(409);
  }

  @Test
  @Order(4)
  void aDueScheduleRotatesOnceAndMovesItsNextRun() {
    given()
        .auth()
        .oauth2(alice())
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "name",
                "scheduled",
                "values",
                Map.of("token", canary(), "user", canary()),
                "rotation",
                Map.of("everyDays", 30, "length", 24, "charset", "hex", "keys", List.of("token"))))
        .post(BASE + "dev/secrets")
        .then()
        .statusCode(201)
        .body("rotation.everyDays", equalTo(30));

    pool.preparedQuery(
            "update secret set next_rotation_at = now() - interval '1 minute'"
                + " where team = 'payments' and environment = 'dev' and name = 'scheduled'")
        .execute()
        .await()
        .indefinitely();

    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                given()
                    .auth()
                    .oauth2(alice())
                    .get(BASE + "dev/secrets/scheduled/versions")
                    .then()
                    .body("trigger", contains("schedule", "create")));
    Instant next =
        pool.preparedQuery(
                "select next_rotation_at from secret where name = $1 and environment = 'dev'")
            .execute(Tuple.of("scheduled"))
            .await()
            .indefinitely()
            .iterator()
            .next()
            .getLocalDateTime(0)
            .toInstant(java.time.ZoneOffset.UTC);
    assertThat(next).isAfter(Instant.now().plus(Duration.ofDays(29)));
    Secret secret =
        LocalKubernetes.shared()
            .adminClient()
            .secrets()
            .inNamespace("payments-dev")
            .withName("scheduled")
            .get();
    assertThat(decode(secret, "token")).matches("[0-9a-f]{24}");
    CANARIES.add(decode(secret, "token"));
  }

  @Test
  @Order(5)
  void cloneGetsNamesAndKeysButNeverValues() {
    given()
        .auth()
        .oauth2(alice())
        .contentType(ContentType.JSON)
        .body(Map.of("name", "cloned-db", "values", Map.of("password", canary())))
        .post(BASE + "prod/secrets")
        .then()
        .statusCode(201);

    kafka.publish(
        Topics.ENVIRONMENT,
        "payments/qa",
        EventCatalog.ENVIRONMENT_CLONED.ceType(),
        environmentCloned("prod", "qa", "staging"));
    kafka.publish(
        Topics.ENVIRONMENT,
        "payments/prod2",
        EventCatalog.ENVIRONMENT_CLONED.ceType(),
        environmentCloned("prod", "prod2", "production"));

    KubernetesClient admin = LocalKubernetes.shared().adminClient();
    await()
        .atMost(WAIT)
        .until(
            () -> admin.secrets().inNamespace("payments-qa").withName("cloned-db").get() != null);
    Secret source = admin.secrets().inNamespace("payments-prod").withName("cloned-db").get();
    Secret copy = admin.secrets().inNamespace("payments-qa").withName("cloned-db").get();
    assertThat(copy.getData().keySet()).containsExactly("password");
    assertThat(decode(copy, "password")).isNotEqualTo(decode(source, "password")).hasSize(32);
    CANARIES.add(decode(copy, "password"));

    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                given()
                    .auth()
                    .oauth2(alice())
                    .get(BASE + "prod2/secrets/cloned-db")
                    .then()
                    .statusCode(200)
                    .body("needsValue", equalTo(true))
                    .body("keys", contains("password")));
    assertThat(admin.secrets().inNamespace("payments-prod2").withName("cloned-db").get()).isNull();
    given()
        .auth()
        .oauth2(alice())
        .post(BASE + "prod2/secrets/cloned-db/rotate")
        .then()
        .statusCode(409);
  }

  @Test
  @Order(6)
  void rewrapIsForPlatformAdminsOnly() {
    given().auth().oauth2(alice()).post("/api/v1/platform/secrets/rewrap").then().statusCode(403);
    given()
        .auth()
        .oauth2(TestOidcServer.shared().token("ops", List.of("/platform-admin")))
        .post("/api/v1/platform/secrets/rewrap")
        .then()
        .statusCode(200)
        .body("rewrapped", equalTo(0));
  }

  @Test
  @Order(100)
  void noValueEverAppearsInALogLineAKafkaRecordOrAKubernetesEvent() {
    assertThat(CANARIES).hasSizeGreaterThan(8);
    List<String> needles = new ArrayList<>();
    for (String c : CANARIES) {
      needles.add(c);
      needles.add(Base64.getEncoder().encodeToString(c.getBytes(StandardCharsets.UTF_8)));
    }
    assertThat(logs.lines()).isNotEmpty();
    for (String line : logs.lines()) {
      for (String needle : needles) {
        assertThat(line).as("a log line").doesNotContain(needle);
      }
    }
    for (String topic : Topics.ALL) {
      var leaks =
          kafka.collect(
              topic,
              r ->
                  needles.stream()
                      .anyMatch(
                          n ->
                              (r.value() != null && r.value().contains(n))
                                  || (r.key() != null && r.key().contains(n))
                                  || headersContain(r, n)),
              Duration.ofSeconds(2));
      assertThat(leaks).as("records on " + topic + " holding a value").isEmpty();
    }
    var events = LocalKubernetes.shared().adminClient().v1().events().inAnyNamespace().list();
    for (var event : events.getItems()) {
      for (String needle : needles) {
        assertThat(String.valueOf(event.getMessage())).doesNotContain(needle);
      }
    }
  }

  private static boolean headersContain(
      org.apache.kafka.clients.consumer.ConsumerRecord<String, String> r, String needle) {
    for (var h : r.headers()) {
      if (new String(h.value(), StandardCharsets.UTF_8).contains(needle)) {
        return true;
      }
    }
    return false;
  }

  private void awaitKindKnown(String env, String secret) {
    await()
        .atMost(WAIT)
        .until(
            () ->
                given()
                        .auth()
                        .oauth2(alice())
                        .get(BASE + env + "/secrets/" + secret + "/value")
                        .statusCode()
                    == 200);
  }

  static String canary() {
    String value = "canary-" + UUID.randomUUID();
    CANARIES.add(value);
    return value;
  }

  private static String alice() {
    return TestOidcServer.shared().token("alice", List.of("/teams/payments/developer"));
  }

  private static String decode(Secret secret, String key) {
    return new String(
        Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
  }

  private static String environmentCreated(String env, String kind) {
    ObjectNode e = EventJson.mapper().createObjectNode();
    e.put("operationId", UUID.randomUUID().toString())
        .put("team", "payments")
        .put("environment", env)
        .put("kind", kind)
        .put("namespace", "payments-" + env)
        .put("createdAt", Instant.now().toString());
    return e.toString();
  }

  private static String environmentCloned(String source, String env, String kind) {
    ObjectNode e = EventJson.mapper().createObjectNode();
    e.put("operationId", UUID.randomUUID().toString())
        .put("team", "payments")
        .put("source", source)
        .put("environment", env)
        .put("kind", kind)
        .put("namespace", "payments-" + env);
    e.putObject("overrides");
    e.put("clonedAt", Instant.now().toString());
    return e.toString();
  }
}
