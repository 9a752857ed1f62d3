package dev.slipway.secret;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
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
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The parts of rotation that involve others, over real PostgreSQL, Kafka and kube-apiserver:
 * deploy-service's request to restore the version before a failed rollout, an external generator
 * hook (a tiny HTTP server on 127.0.0.1 in this test), and the teardown of a deleted environment.
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
class RestoreHookAndTeardownIT {

  private static final String BASE = "/api/v1/teams/payments/environments/";
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final List<JsonNode> HOOK_CALLS = new CopyOnWriteArrayList<>();
  private static final AtomicInteger HOOK_STATUS = new AtomicInteger(200);
  private static volatile String hookValue;
  private static HttpServer hook;

  private final CloudEventRecords kafka = CloudEventRecords.onSharedBroker();

  @BeforeAll
  static void namespacesAndHook() throws IOException {
    KubernetesClient admin = LocalKubernetes.shared().adminClient();
    for (String ns : List.of("payments-dev", "payments-doomed")) {
      admin
          .namespaces()
          .resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
          .serverSideApply();
    }
    hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    hook.createContext(
        "/generate",
        exchange -> {
          JsonNode request = EventJson.mapper().readTree(exchange.getRequestBody());
          HOOK_CALLS.add(request);
          ObjectNode answer = EventJson.mapper().createObjectNode();
          request
              .path("keys")
              .forEach(k -> answer.withObject("/values").put(k.asText(), hookValue));
          byte[] body = answer.toString().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(HOOK_STATUS.get(), body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    hook.start();
  }

  @AfterAll
  static void stopHook() {
    hook.stop(0);
  }

  @Test
  void aRestoreRequestWritesThePreviousVersionBackOnceWhileTheFailedVersionIsCurrent() {
    String name = "restored-" + shortId();
    String first = SecretLifecycleIT.canary();
    String second = SecretLifecycleIT.canary();
    create("dev", name, Map.of("url", first), null);
    given()
        .auth()
        .oauth2(alice())
        .contentType(ContentType.JSON)
        .body(Map.of("values", Map.of("url", second)))
        .put(BASE + "dev/secrets/" + name)
        .then()
        .statusCode(200)
        .body("version", equalTo(2));

    String requestId = UUID.randomUUID().toString();
    publishRestore(name, 2, requestId);
    var restored =
        kafka.await(
            Topics.SECRET,
            r ->
                CloudEventRecords.ofType(EventCatalog.SECRET_ROTATED.ceType()).test(r)
                    && r.value().contains("\"" + name + "\"")
                    && r.value().contains("\"restore\""),
            1,
            WAIT);
    assertThat(restored).hasSize(1);
    var event = EventJson.read(EventCatalog.SECRET_ROTATED, restored.get(0).value());
    assertThat(event.version()).isEqualTo(3);
    assertThat(decode(clusterSecret("dev", name), "url")).isEqualTo(first);

    // Redelivered, and asked again by a second app that failed with version 2: nothing more.
    publishRestore(name, 2, requestId);
    publishRestore(name, 2, UUID.randomUUID().toString());
    assertThat(
            kafka.collect(
                Topics.SECRET,
                r ->
                    CloudEventRecords.ofType(EventCatalog.SECRET_ROTATED.ceType()).test(r)
                        && r.value().contains("\"" + name + "\"")
                        && r.value().contains("\"restore\""),
                Duration.ofSeconds(5)))
        .hasSize(1);
    given()
        .auth()
        .oauth2(alice())
        .get(BASE + "dev/secrets/" + name + "/versions")
        .then()
        .statusCode(200)
        .body("trigger", contains("restore", "update", "create"));
  }

  @Test
  void rotationTakesItsValuesFromTheExternalHookWithoutLoggingThem() {
    LogCapture logs = LogCapture.install();
    String name = "hooked-" + shortId();
    String user = SecretLifecycleIT.canary();
    String url = "http://127.0.0.1:" + hook.getAddress().getPort() + "/generate";
    create(
        "dev",
        name,
        Map.of("user", user, "password", SecretLifecycleIT.canary()),
        Map.of("everyDays", 30, "hook", url, "keys", List.of("password")));
    hookValue = SecretLifecycleIT.canary();

    given()
        .auth()
        .oauth2(alice())
        .post(BASE + "dev/secrets/" + name + "/rotate")
        .then()
        .statusCode(200)
        .body("version", equalTo(2))
        .body("rotation.hook", equalTo(url));
    Secret secret = clusterSecret("dev", name);
    assertThat(decode(secret, "password")).isEqualTo(hookValue);
    assertThat(decode(secret, "user")).isEqualTo(user);
    JsonNode call = HOOK_CALLS.get(HOOK_CALLS.size() - 1);
    assertThat(call.path("team").asText()).isEqualTo("payments");
    assertThat(call.path("environment").asText()).isEqualTo("dev");
    assertThat(call.path("name").asText()).isEqualTo(name);
    assertThat(call.path("keys").toString()).isEqualTo("[\"password\"]");

    // A hook that fails changes nothing; its answer is not quoted.
    HOOK_STATUS.set(500);
    try {
      given()
          .auth()
          .oauth2(alice())
          .post(BASE + "dev/secrets/" + name + "/rotate")
          .then()
          .statusCode(502)
          .contentType("application/problem+json")
          .body("detail", containsString("HTTP 500"));
    } finally {
      HOOK_STATUS.set(200);
    }
    given()
        .auth()
        .oauth2(alice())
        .get(BASE + "dev/secrets/" + name)
        .then()
        .body("version", equalTo(2));

    for (String line : logs.lines()) {
      assertThat(line).doesNotContain(hookValue).doesNotContain(user);
    }
    assertThat(
            kafka.collect(
                Topics.SECRET,
                r -> r.value() != null && r.value().contains(hookValue),
                Duration.ofSeconds(2)))
        .isEmpty();
  }

  @Test
  void aHookThatIsNotAnHttpUrlIsRefused() {
    for (String bad : List.of("file:///etc/passwd", "ftp://example.com/x", "not a url")) {
      given()
          .auth()
          .oauth2(alice())
          .contentType(ContentType.JSON)
          .body(
              Map.of(
                  "name",
                  "bad-hook-" + shortId(),
                  "values",
                  Map.of("k", "v-" + shortId()),
                  "rotation",
                  Map.of("everyDays", 1, "hook", bad)))
          .post(BASE + "dev/secrets")
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("errors.field", hasItem("rotation.hook"));
    }
  }

  @Test
  void environmentDeletedDropsEverySecretOfTheEnvironmentAndItsClusterObjectsOnce() {
    String one = "one-" + shortId();
    create("doomed", one, Map.of("a", SecretLifecycleIT.canary()), null);
    create("doomed", "two-" + shortId(), Map.of("b", SecretLifecycleIT.canary()), null);
    String survivor = "survivor-" + shortId();
    create("dev", survivor, Map.of("c", SecretLifecycleIT.canary()), null);
    assertThat(managedSecrets("payments-doomed")).hasSize(2);

    String eventId = UUID.randomUUID().toString();
    String deleted =
        "{\"operationId\":\""
            + UUID.randomUUID()
            + "\",\"team\":\"payments\",\"environment\":\"doomed\",\"namespace\":"
            + "\"payments-doomed\",\"removed\":[],\"deletedAt\":\""
            + Instant.now()
            + "\"}";
    kafka.publish(
        Topics.ENVIRONMENT,
        "payments/doomed",
        EventCatalog.ENVIRONMENT_DELETED.ceType(),
        eventId,
        deleted);

    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                given()
                    .auth()
                    .oauth2(alice())
                    .get(BASE + "doomed/secrets")
                    .then()
                    .statusCode(200)
                    .body("size()", equalTo(0)));
    assertThat(managedSecrets("payments-doomed")).isEmpty();
    given().auth().oauth2(alice()).get(BASE + "doomed/secrets/" + one).then().statusCode(404);
    given().auth().oauth2(alice()).get(BASE + "dev/secrets/" + survivor).then().statusCode(200);

    kafka.publish(
        Topics.ENVIRONMENT,
        "payments/doomed",
        EventCatalog.ENVIRONMENT_DELETED.ceType(),
        eventId,
        deleted);
    assertThat(
            kafka.collect(
                Topics.SECRET,
                r ->
                    CloudEventRecords.ofType(EventCatalog.SECRET_DELETED.ceType()).test(r)
                        && r.value().contains("\"doomed\""),
                Duration.ofSeconds(5)))
        .hasSize(2);
  }

  private void create(
      String env, String name, Map<String, String> values, Map<String, ?> rotation) {
    var body =
        rotation == null
            ? Map.of("name", name, "values", values)
            : Map.of("name", name, "values", values, "rotation", rotation);
    given()
        .auth()
        .oauth2(alice())
        .contentType(ContentType.JSON)
        .body(body)
        .post(BASE + env + "/secrets")
        .then()
        .statusCode(201);
  }

  private void publishRestore(String name, int failedVersion, String eventId) {
    String json =
        "{\"team\":\"payments\",\"environment\":\"dev\",\"name\":\""
            + name
            + "\",\"failedVersion\":"
            + failedVersion
            + ",\"app\":\"checkout\",\"reason\":\"ReplicaSet has timed out progressing.\","
            + "\"requestedAt\":\""
            + Instant.now()
            + "\"}";
    kafka.publish(
        Topics.SECRET,
        "payments/dev/" + name,
        EventCatalog.SECRET_RESTORE_REQUESTED.ceType(),
        eventId,
        json);
  }

  private static List<Secret> managedSecrets(String namespace) {
    return LocalKubernetes.shared()
        .adminClient()
        .secrets()
        .inNamespace(namespace)
        .withLabel("app.kubernetes.io/managed-by", "slipway")
        .list()
        .getItems();
  }

  private static Secret clusterSecret(String env, String name) {
    return LocalKubernetes.shared()
        .adminClient()
        .secrets()
        .inNamespace("payments-" + env)
        .withName(name)
        .get();
  }

  private static String decode(Secret secret, String key) {
    return new String(
        Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
  }

  private static String alice() {
    return TestOidcServer.shared().token("alice", List.of("/teams/payments/developer"));
  }

  private static String shortId() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
