package dev.slipway.environment.it;

import static dev.slipway.environment.it.CloudEventsOnKafka.example;
import static dev.slipway.environment.it.CloudEventsOnKafka.newId;
import static dev.slipway.environment.it.CloudEventsOnKafka.readAll;
import static dev.slipway.environment.it.CloudEventsOnKafka.send;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.events.EventCatalog;
import dev.slipway.testkit.kubernetes.KubernetesTestResource;
import dev.slipway.testkit.oidc.TestOidcServer;
import dev.slipway.testkit.quarkus.SlipwayInfrastructure;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The whole path over real servers: a CloudEvent on Kafka, the objects in a real API server (under
 * the service's own production RBAC), the outcome event on the topic, and the REST view.
 */
@QuarkusTest
@WithTestResource(
    value = SlipwayInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "environment"))
@WithTestResource(
    value = KubernetesTestResource.class,
    initArgs = @ResourceArg(name = "service-account", value = "environment-service"))
class EnvironmentLifecycleIT {

  static final Duration PATIENCE = Duration.ofSeconds(60);
  static final String FIELD_MANAGER = "slipway-environment";

  /** The cluster's admin, from the kubeconfig the test resource publishes (not the app's SA). */
  final KubernetesClient admin = adminClient();

  final List<String> namespaces = new ArrayList<>();

  /** The API server may be a real, shared cluster: leave nothing behind. */
  @AfterEach
  void deleteNamespaces() {
    namespaces.forEach(name -> admin.namespaces().withName(name).delete());
    admin.close();
  }

  @Test
  void requestedEnvironmentBecomesANamespaceWithQuotaLimitsAndPolicies() {
    String env = uniqueName("staging");
    String operationId = request(newId(), "payments", env, "staging");

    var created = awaitOne(EventCatalog.ENVIRONMENT_CREATED, operationId);
    String namespace = "payments-" + env;
    assertThat(created.text("namespace")).isEqualTo(namespace);
    assertThat(created.text("kind")).isEqualTo("staging");

    var ns = admin.namespaces().withName(namespace).get();
    assertSlipwayOwned(ns, "payments", env, "staging");
    var quota = admin.resourceQuotas().inNamespace(namespace).withName("slipway-quota").get();
    assertSlipwayOwned(quota, "payments", env, "staging");
    assertThat(quota.getSpec().getHard())
        .containsEntry("requests.cpu", new Quantity("8"))
        .containsEntry("limits.memory", new Quantity("16Gi"))
        .containsEntry("pods", new Quantity("50"));
    var limits = admin.limitRanges().inNamespace(namespace).withName("slipway-defaults").get();
    assertSlipwayOwned(limits, "payments", env, "staging");
    assertThat(limits.getSpec().getLimits().get(0).getDefaultRequest())
        .containsEntry("cpu", new Quantity("100m"))
        .containsEntry("memory", new Quantity("128Mi"));
    var policies = admin.network().v1().networkPolicies().inNamespace(namespace).list().getItems();
    assertThat(policies)
        .extracting(p -> p.getMetadata().getName())
        .containsExactlyInAnyOrder("slipway-default-deny", "slipway-allow-ingress-controller");
    policies.forEach(p -> assertSlipwayOwned(p, "payments", env, "staging"));

    given()
        .auth()
        .oauth2(token("alice", "/teams/payments/developer"))
        .get("/api/v1/teams/payments/environments/{env}", env)
        .then()
        .statusCode(200)
        .body("team", equalTo("payments"))
        .body("name", equalTo(env))
        .body("kind", equalTo("staging"))
        .body("namespace", equalTo(namespace))
        .body("status", equalTo("READY"))
        .body("createdAt", equalTo(created.text("createdAt")));
    given()
        .auth()
        .oauth2(token("alice", "/teams/payments/developer"))
        .get("/api/v1/teams/payments/environments")
        .then()
        .statusCode(200)
        .body("name", hasItem(env));
  }

  @Test
  void redeliveredRequestCreatesTheEnvironmentOnce() {
    String env = uniqueName("dev");
    String ceId = newId();
    String operationId = UUID.randomUUID().toString();
    ObjectNode data = requestData(operationId, "payments", env, "development");
    send(EventCatalog.ENVIRONMENT_REQUESTED, ceId, "payments/" + env, data);
    send(EventCatalog.ENVIRONMENT_REQUESTED, ceId, "payments/" + env, data);
    awaitOne(EventCatalog.ENVIRONMENT_CREATED, operationId);

    // Same key, same partition: once the marker's outcome is out, the duplicate was consumed too.
    String marker = request(newId(), "payments", env, "development");
    var failed = awaitOne(EventCatalog.ENVIRONMENT_FAILED, marker);

    assertThat(failed.text("reason")).contains("already exists");
    assertThat(readAll(EventCatalog.ENVIRONMENT_CREATED, operationId)).hasSize(1);
  }

  @Test
  void existingUnmanagedNamespaceIsNeverAdopted() {
    String env = uniqueName("legacy");
    String namespace = "payments-" + env;
    admin
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
        .create();

    String operationId = request(newId(), "payments", env, "development");
    var failed = awaitOne(EventCatalog.ENVIRONMENT_FAILED, operationId);

    assertThat(failed.text("reason"))
        .isEqualTo("namespace " + namespace + " exists and is not managed by Slipway");
    assertThat(admin.namespaces().withName(namespace).get().getMetadata().getLabels())
        .doesNotContainKey("app.kubernetes.io/managed-by");
    assertThat(admin.resourceQuotas().inNamespace(namespace).list().getItems()).isEmpty();
    assertThat(admin.network().v1().networkPolicies().inNamespace(namespace).list().getItems())
        .isEmpty();
    assertThat(readAll(EventCatalog.ENVIRONMENT_CREATED, operationId)).isEmpty();
    given()
        .auth()
        .oauth2(token("admin", "/platform-admin"))
        .get("/api/v1/teams/payments/environments/{env}", env)
        .then()
        .statusCode(404);
  }

  @Test
  void namespaceNameLongerThan63CharactersFails() {
    String env = "x".repeat(55);
    String operationId = request(newId(), "payments", env, "preview");

    var failed = awaitOne(EventCatalog.ENVIRONMENT_FAILED, operationId);

    assertThat(failed.text("reason")).contains("at most 63");
    assertThat(admin.namespaces().withName("payments-" + env).get()).isNull();
  }

  @Test
  void anotherTeamSeesNothingOfTheEnvironment() {
    String env = uniqueName("private");
    awaitOne(EventCatalog.ENVIRONMENT_CREATED, request(newId(), "payments", env, "development"));
    String carol = token("carol", "/teams/search/developer");

    given()
        .auth()
        .oauth2(carol)
        .get("/api/v1/teams/payments/environments/{env}", env)
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("status", equalTo(404));
    given()
        .auth()
        .oauth2(carol)
        .get("/api/v1/teams/payments/environments")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    // An unknown environment of one's own team answers exactly like someone else's.
    given()
        .auth()
        .oauth2(token("alice", "/teams/payments/developer"))
        .get("/api/v1/teams/payments/environments/{env}", "no-such-env")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    given()
        .auth()
        .oauth2(token("admin", "/platform-admin"))
        .get("/api/v1/teams/payments/environments/{env}", env)
        .then()
        .statusCode(200);
    given().get("/api/v1/teams/payments/environments/{env}", env).then().statusCode(401);
  }

  private static String request(String ceId, String team, String env, String kind) {
    String operationId = UUID.randomUUID().toString();
    send(
        EventCatalog.ENVIRONMENT_REQUESTED,
        ceId,
        team + "/" + env,
        requestData(operationId, team, env, kind));
    return operationId;
  }

  /** The golden example, with this test's names. */
  private static ObjectNode requestData(String operationId, String team, String env, String kind) {
    ObjectNode data = example(EventCatalog.ENVIRONMENT_REQUESTED);
    data.put("operationId", operationId);
    data.put("team", team);
    data.put("environment", env);
    data.put("kind", kind);
    return data;
  }

  private static CloudEventsOnKafka.Event awaitOne(
      dev.slipway.events.EventType<?> type, String operationId) {
    return await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(250))
        .until(() -> readAll(type, operationId), events -> !events.isEmpty())
        .get(0);
  }

  private static void assertSlipwayOwned(HasMetadata object, String team, String env, String kind) {
    assertThat(object).as("object of %s/%s", team, env).isNotNull();
    assertThat(object.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/managed-by", "slipway")
        .containsEntry("slipway.dev/team", team)
        .containsEntry("slipway.dev/environment", env)
        .containsEntry("slipway.dev/kind", kind);
    List<String> managers =
        object.getMetadata().getManagedFields().stream()
            .filter(f -> "Apply".equals(f.getOperation()))
            .map(ManagedFieldsEntry::getManager)
            .toList();
    assertThat(managers)
        .as("%s %s", object.getKind(), object.getMetadata().getName())
        .contains(FIELD_MANAGER);
  }

  /** Every run gets fresh names: the cluster and the database may outlive one test JVM. */
  private String uniqueName(String prefix) {
    String name =
        prefix + "-" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
    namespaces.add("payments-" + name);
    return name;
  }

  private static KubernetesClient adminClient() {
    String kubeconfig =
        ConfigProvider.getConfig()
            .getValue(KubernetesTestResource.KUBECONFIG_PROPERTY, String.class);
    try {
      return new KubernetesClientBuilder()
          .withConfig(Config.fromKubeconfig(Files.readString(Path.of(kubeconfig))))
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String token(String username, String group) {
    return TestOidcServer.shared().token(username, List.of(group));
  }
}
