package dev.slipway.environment.it;

import static dev.slipway.environment.it.CloudEventsOnKafka.example;
import static dev.slipway.environment.it.CloudEventsOnKafka.newId;
import static dev.slipway.environment.it.CloudEventsOnKafka.readAll;
import static dev.slipway.environment.it.CloudEventsOnKafka.send;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.environment.service.ExpiryService;
import dev.slipway.events.EventCatalog;
import dev.slipway.testkit.kubernetes.KubernetesTestResource;
import dev.slipway.testkit.oidc.TestOidcServer;
import dev.slipway.testkit.quarkus.SlipwayInfrastructure;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

  @Inject ExpiryService expiry;

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
    var bindings = admin.rbac().roleBindings().inNamespace(namespace).list().getItems();
    assertThat(bindings)
        .extracting(b -> b.getMetadata().getName() + "->" + b.getRoleRef().getName())
        .containsExactlyInAnyOrder(
            "slipway-team-developers->slipway:team-edit",
            "slipway-team-tech-leads->slipway:team-edit");
    bindings.forEach(b -> assertSlipwayOwned(b, "payments", env, "staging"));
    // The team may work in its namespace and create secrets, but never read them back.
    String developers = "slipway:payments:developers";
    assertThat(allowed(developers, namespace, "apps", "deployments", "create")).isTrue();
    assertThat(allowed(developers, namespace, "", "secrets", "create")).isTrue();
    assertThat(allowed(developers, namespace, "", "secrets", "get")).isFalse();
    assertThat(allowed(developers, namespace, "", "secrets", "list")).isFalse();
    assertThat(allowed(developers, namespace, "", "secrets", "watch")).isFalse();
    assertThat(allowed("slipway:search:developers", namespace, "apps", "deployments", "create"))
        .isFalse();

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
        .body("createdAt", equalTo(created.text("createdAt")))
        .body("apps", equalTo(0))
        // The read itself is activity: never before the creation.
        .body("lastActivityAt", greaterThanOrEqualTo(created.text("createdAt")))
        .body("expiresAt", notNullValue())
        .body("age", startsWith("PT"));
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

  @Test
  void productionGivesTheTeamViewOnlyAndNeverExpires() {
    String env = uniqueName("prod");
    awaitOne(EventCatalog.ENVIRONMENT_CREATED, request(newId(), "payments", env, "production"));
    String namespace = "payments-" + env;

    assertThat(admin.rbac().roleBindings().inNamespace(namespace).list().getItems())
        .allSatisfy(b -> assertThat(b.getRoleRef().getName()).isEqualTo("view"))
        .hasSize(2);
    assertThat(allowed("slipway:payments:developers", namespace, "apps", "deployments", "create"))
        .isFalse();
    assertThat(allowed("slipway:payments:developers", namespace, "", "secrets", "get")).isFalse();
    given()
        .auth()
        .oauth2(token("alice", "/teams/payments/developer"))
        .get("/api/v1/teams/payments/environments/{env}", env)
        .then()
        .statusCode(200)
        .body("expiresAt", nullValue());
  }

  @Test
  void deployedAppsAreCountedAndMarkTheEnvironmentActive() {
    String env = uniqueName("apps");
    awaitOne(EventCatalog.ENVIRONMENT_CREATED, request(newId(), "payments", env, "development"));
    Instant deployedAt = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
    deployCompleted("payments", env, "checkout", deployedAt);
    String redelivered = deployCompleted("payments", env, "cart", deployedAt);
    send(
        EventCatalog.DEPLOY_COMPLETED,
        redelivered,
        "payments/" + env + "/cart",
        deployData("payments", env, "cart", deployedAt));

    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                given()
                    .auth()
                    .oauth2(token("alice", "/teams/payments/developer"))
                    .get("/api/v1/teams/payments/environments")
                    .then()
                    .statusCode(200)
                    .body("find { it.name == '" + env + "' }.apps", equalTo(2))
                    .body(
                        "find { it.name == '" + env + "' }.lastActivityAt",
                        equalTo(deployedAt.toString()))
                    .body(
                        "find { it.name == '" + env + "' }.expiresAt",
                        equalTo(deployedAt.plus(Duration.ofDays(30)).toString())));
  }

  @Test
  void deleteRemovesEverythingSlipwayMadeForTheEnvironment() {
    String env = uniqueName("doomed");
    String namespace = "payments-" + env;
    awaitOne(EventCatalog.ENVIRONMENT_CREATED, request(newId(), "payments", env, "preview"));
    // What other services make in it (deploy-service, secret-service), with Slipway's labels.
    var labels =
        Map.of(
            "app.kubernetes.io/managed-by", "slipway",
            "slipway.dev/team", "payments",
            "slipway.dev/environment", env,
            "app.kubernetes.io/name", "checkout");
    admin
        .configMaps()
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("checkout")
                .withNamespace(namespace)
                .withLabels(labels)
                .endMetadata()
                .addToData("k", "v")
                .build())
        .create();
    admin
        .secrets()
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("db-credentials")
                .withNamespace(namespace)
                .withLabels(labels)
                .endMetadata()
                .addToStringData("url", "x")
                .build())
        .create();
    admin
        .services()
        .resource(
            new ServiceBuilder()
                .withNewMetadata()
                .withName("checkout")
                .withNamespace(namespace)
                .withLabels(labels)
                .endMetadata()
                .withNewSpec()
                .addNewPort()
                .withPort(80)
                .endPort()
                .endSpec()
                .build())
        .create();
    deployCompleted("payments", env, "checkout", Instant.now());
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                given()
                    .auth()
                    .oauth2(token("admin", "/platform-admin"))
                    .get("/api/v1/teams/payments/environments/{env}", env)
                    .path("apps"),
            apps -> Integer.valueOf(1).equals(apps));
    assertThat(slipwayObjectsOf("payments", env)).isNotEmpty();

    String operationId = deleteRequest(newId(), "payments", env);
    var deleted = awaitOne(EventCatalog.ENVIRONMENT_DELETED, operationId);

    List<String> removed = new ArrayList<>();
    deleted.data().path("removed").forEach(n -> removed.add(n.asText()));
    assertThat(removed)
        .contains(
            "App/checkout",
            "Namespace/" + namespace,
            "ResourceQuota/slipway-quota",
            "LimitRange/slipway-defaults",
            "NetworkPolicy/slipway-default-deny",
            "NetworkPolicy/slipway-allow-ingress-controller",
            "RoleBinding/slipway-team-developers");
    assertThat(admin.namespaces().withName(namespace).get()).isNull();
    assertThat(slipwayObjectsOf("payments", env)).isEmpty();
    given()
        .auth()
        .oauth2(token("admin", "/platform-admin"))
        .get("/api/v1/teams/payments/environments/{env}", env)
        .then()
        .statusCode(404);
  }

  @Test
  void deletingAnEnvironmentThatDoesNotExistFailsAndTouchesNothing() {
    String operationId = deleteRequest(newId(), "payments", "never-was");

    var failed = awaitOne(EventCatalog.ENVIRONMENT_FAILED, operationId);

    assertThat(failed.text("reason")).isEqualTo("environment payments/never-was does not exist");
    assertThat(readAll(EventCatalog.ENVIRONMENT_DELETED, operationId)).isEmpty();
  }

  @Test
  void aSecondDeleteOfTheSameEnvironmentFailsAndTouchesNothing() {
    String env = uniqueName("shared");
    awaitOne(EventCatalog.ENVIRONMENT_CREATED, request(newId(), "payments", env, "development"));
    String operationId = deleteRequest(newId(), "payments", env);
    awaitOne(EventCatalog.ENVIRONMENT_DELETED, operationId);
    // Nothing left to delete a second time: the operation fails instead of touching anything.
    String again = deleteRequest(newId(), "payments", env);

    assertThat(awaitOne(EventCatalog.ENVIRONMENT_FAILED, again).text("reason"))
        .contains("does not exist");
  }

  @Test
  void aCloneGetsItsOwnNamespaceWithTheSourcesQuotaAndHandsOverToTheApps() {
    String source = uniqueName("stage");
    String target = uniqueName("copy");
    awaitOne(EventCatalog.ENVIRONMENT_CREATED, request(newId(), "payments", source, "staging"));

    String operationId = cloneRequest(newId(), "payments", source, target, "preview");
    var cloned = awaitOne(EventCatalog.ENVIRONMENT_CLONED, operationId);

    String namespace = "payments-" + target;
    assertThat(cloned.text("namespace")).isEqualTo(namespace);
    assertThat(cloned.text("source")).isEqualTo(source);
    assertThat(cloned.data().path("overrides").path("replicas").asInt()).isEqualTo(1);
    var quota = admin.resourceQuotas().inNamespace(namespace).withName("slipway-quota").get();
    assertSlipwayOwned(quota, "payments", target, "preview");
    // The staging source's quota (8 CPU), not the preview kind's default (2).
    assertThat(quota.getSpec().getHard()).containsEntry("requests.cpu", new Quantity("8"));
    assertThat(admin.network().v1().networkPolicies().inNamespace(namespace).list().getItems())
        .hasSize(2);
    assertThat(readAll(EventCatalog.ENVIRONMENT_CREATED, operationId)).isEmpty();
    given()
        .auth()
        .oauth2(token("alice", "/teams/payments/developer"))
        .get("/api/v1/teams/payments/environments/{env}", target)
        .then()
        .statusCode(200)
        .body("kind", equalTo("preview"))
        .body("clonedFrom", equalTo(source));
  }

  @Test
  void cloningTheSameSourceAgainRefreshesThePreview() {
    String source = uniqueName("base");
    String preview = uniqueName("pr");
    awaitOne(EventCatalog.ENVIRONMENT_CREATED, request(newId(), "payments", source, "staging"));
    awaitOne(
        EventCatalog.ENVIRONMENT_CLONED,
        cloneRequest(newId(), "payments", source, preview, "preview"));

    String again = cloneRequest(newId(), "payments", source, preview, "preview");

    assertThat(awaitOne(EventCatalog.ENVIRONMENT_CLONED, again).text("namespace"))
        .isEqualTo("payments-" + preview);
    // Another kind, or another source, is no refresh.
    String otherKind = cloneRequest(newId(), "payments", source, preview, "development");
    assertThat(awaitOne(EventCatalog.ENVIRONMENT_FAILED, otherKind).text("reason"))
        .contains("already exists");
  }

  @Test
  void aCloneOfAMissingSourceOrOntoAnExistingEnvironmentMakesNothing() {
    String target = uniqueName("orphan");
    String missing = cloneRequest(newId(), "payments", "no-such-source", target, "preview");
    assertThat(awaitOne(EventCatalog.ENVIRONMENT_FAILED, missing).text("reason"))
        .isEqualTo("environment payments/no-such-source does not exist");
    assertThat(admin.namespaces().withName("payments-" + target).get()).isNull();

    String existing = uniqueName("taken");
    awaitOne(EventCatalog.ENVIRONMENT_CREATED, request(newId(), "payments", existing, "staging"));
    String clash = cloneRequest(newId(), "payments", existing, existing, "preview");
    assertThat(awaitOne(EventCatalog.ENVIRONMENT_FAILED, clash).text("reason"))
        .contains("already exists");
    assertThat(readAll(EventCatalog.ENVIRONMENT_CLONED, clash)).isEmpty();
  }

  @Test
  void idleEnvironmentsAreWarnedThenDeletedUnlessPinnedOrExtended() {
    String idle = lifecycleName("idle");
    String pinned = lifecycleName("pinned");
    String extended = lifecycleName("extended");
    String prod = lifecycleName("prod");
    for (String env : List.of(idle, pinned, extended)) {
      awaitOne(EventCatalog.ENVIRONMENT_CREATED, request(newId(), "lifecycle", env, "preview"));
    }
    awaitOne(EventCatalog.ENVIRONMENT_CREATED, request(newId(), "lifecycle", prod, "production"));
    String lead = token("lena", "/teams/lifecycle/tech-lead");
    String developer = token("dan", "/teams/lifecycle/developer");
    given()
        .auth()
        .oauth2(developer)
        .post("/api/v1/teams/lifecycle/environments/{env}/pin", pinned)
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
    given()
        .auth()
        .oauth2(lead)
        .post("/api/v1/teams/lifecycle/environments/{env}/pin", pinned)
        .then()
        .statusCode(200)
        .body("expiresAt", nullValue());
    given()
        .auth()
        .oauth2(lead)
        .contentType("application/json")
        .body("{\"days\":0}")
        .post("/api/v1/teams/lifecycle/environments/{env}/extend", extended)
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    given()
        .auth()
        .oauth2(lead)
        .contentType("application/json")
        .body("{\"days\":10}")
        .post("/api/v1/teams/lifecycle/environments/{env}/extend", extended)
        .then()
        .statusCode(200);
    given()
        .auth()
        .oauth2(lead)
        .post("/api/v1/teams/lifecycle/environments/{env}/pin", "no-such")
        .then()
        .statusCode(404);
    Instant start = Instant.now();

    // Idle days of team lifecycle: 5 (%test); the warning comes 3 days before.
    runExpiry(start.plus(Duration.ofDays(1)));
    assertThat(expiringOf(idle)).isEmpty();
    runExpiry(start.plus(Duration.ofDays(2)).plus(Duration.ofHours(1)));
    runExpiry(start.plus(Duration.ofDays(2)).plus(Duration.ofHours(2)));
    await().atMost(PATIENCE).until(() -> expiringOf(idle), e -> !e.isEmpty());
    assertThat(expiringOf(idle)).as("warned once").hasSize(1);
    assertThat(expiringOf(pinned)).isEmpty();

    runExpiry(start.plus(Duration.ofDays(5)).plus(Duration.ofHours(1)));

    await()
        .atMost(PATIENCE)
        .until(() -> admin.namespaces().withName("lifecycle-" + idle).get() == null);
    for (String kept : List.of(pinned, extended, prod)) {
      given()
          .auth()
          .oauth2(lead)
          .get("/api/v1/teams/lifecycle/environments/{env}", kept)
          .then()
          .statusCode(200)
          .body("status", equalTo("READY"));
    }
    given()
        .auth()
        .oauth2(lead)
        .get("/api/v1/teams/lifecycle/environments/{env}", idle)
        .then()
        .statusCode(404);
  }

  @Test
  void anApiReadOfTheEnvironmentCountsAsActivity() throws InterruptedException {
    String env = lifecycleName("read");
    awaitOne(EventCatalog.ENVIRONMENT_CREATED, request(newId(), "lifecycle", env, "preview"));
    String developer = token("dan", "/teams/lifecycle/developer");
    Instant first = lastActivity(developer, env);
    Thread.sleep(50);
    Instant second = lastActivity(developer, env);
    assertThat(second).isAfter(first);
  }

  @Test
  void expiryPassesOfSeveralReplicasAtOnceWarnOnce() throws Exception {
    // One environment's warning, whichever replica's pass locks its row first.
    String env = lifecycleName("replicas");
    awaitOne(EventCatalog.ENVIRONMENT_CREATED, request(newId(), "lifecycle", env, "preview"));
    // Idle days of team lifecycle: 5; at +2d1h the warning is due. Three replicas' passes at once.
    Instant at = Instant.now().plus(Duration.ofDays(2)).plus(Duration.ofHours(1));
    var passes =
        List.of(
            java.util.concurrent.CompletableFuture.runAsync(() -> runExpiry(at)),
            java.util.concurrent.CompletableFuture.runAsync(() -> runExpiry(at)),
            java.util.concurrent.CompletableFuture.runAsync(() -> runExpiry(at)));
    for (var pass : passes) {
      pass.get(60, java.util.concurrent.TimeUnit.SECONDS);
    }
    await().atMost(PATIENCE).until(() -> expiringOf(env), e -> !e.isEmpty());
    // All three passes committed before get() returned; the relay publishes within milliseconds
    // of a commit: give a duplicate ample time to show.
    Thread.sleep(3_000);
    assertThat(expiringOf(env)).hasSize(1);
  }

  private Instant lastActivity(String token, String env) {
    return Instant.parse(
        given()
            .auth()
            .oauth2(token)
            .get("/api/v1/teams/lifecycle/environments/{env}", env)
            .then()
            .statusCode(200)
            .extract()
            .path("lastActivityAt"));
  }

  /** One expiry pass at a moved clock, on a Vert.x context as the scheduler runs it. */
  private void runExpiry(Instant at) {
    try {
      VertxContextSupport.subscribeAndAwait(() -> expiry.run(at));
    } catch (Throwable e) {
      throw new IllegalStateException("expiry pass at " + at + " failed", e);
    }
  }

  private List<CloudEventsOnKafka.Event> expiringOf(String env) {
    return readAll(EventCatalog.ENVIRONMENT_EXPIRING.topic()).stream()
        .filter(e -> EventCatalog.ENVIRONMENT_EXPIRING.ceType().equals(e.ceType()))
        .filter(e -> env.equals(e.text("environment")))
        .toList();
  }

  private String lifecycleName(String prefix) {
    String name =
        prefix + "-" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
    namespaces.add("lifecycle-" + name);
    return name;
  }

  private static String cloneRequest(
      String ceId, String team, String source, String env, String kind) {
    String operationId = UUID.randomUUID().toString();
    ObjectNode data = example(EventCatalog.ENVIRONMENT_CLONE_REQUESTED);
    data.put("operationId", operationId);
    data.put("team", team);
    data.put("source", source);
    data.put("environment", env);
    data.put("kind", kind);
    data.putObject("overrides").put("replicas", 1);
    send(EventCatalog.ENVIRONMENT_CLONE_REQUESTED, ceId, team + "/" + env, data);
    return operationId;
  }

  /**
   * Every object in the cluster labelled as Slipway's for this environment, of every listable
   * resource type the API server serves (found by discovery, so a type added later is covered).
   */
  private List<String> slipwayObjectsOf(String team, String env) {
    Map<String, String> selector =
        Map.of(
            "app.kubernetes.io/managed-by", "slipway",
            "slipway.dev/team", team,
            "slipway.dev/environment", env);
    List<String> groupVersions = new ArrayList<>(List.of("v1"));
    admin
        .getApiGroups()
        .getGroups()
        .forEach(g -> groupVersions.add(g.getPreferredVersion().getGroupVersion()));
    List<String> found = new ArrayList<>();
    for (String groupVersion : groupVersions) {
      String group =
          groupVersion.contains("/") ? groupVersion.substring(0, groupVersion.indexOf('/')) : "";
      String version = groupVersion.substring(groupVersion.indexOf('/') + 1);
      for (APIResource resource : admin.getApiResources(groupVersion).getResources()) {
        if (resource.getName().contains("/") || !resource.getVerbs().contains("list")) {
          continue;
        }
        var context =
            new ResourceDefinitionContext.Builder()
                .withGroup(group)
                .withVersion(version)
                .withPlural(resource.getName())
                .withKind(resource.getKind())
                .withNamespaced(resource.getNamespaced())
                .build();
        var resources = admin.genericKubernetesResources(context);
        var items =
            resource.getNamespaced()
                ? resources.inAnyNamespace().withLabels(selector).list().getItems()
                : resources.withLabels(selector).list().getItems();
        items.forEach(
            i ->
                found.add(
                    resource.getKind()
                        + "/"
                        + i.getMetadata().getNamespace()
                        + "/"
                        + i.getMetadata().getName()));
      }
    }
    return found;
  }

  private boolean allowed(
      String group, String namespace, String apiGroup, String resource, String verb) {
    var review =
        new SubjectAccessReviewBuilder()
            .withNewSpec()
            .withUser("someone")
            .withGroups(group)
            .withNewResourceAttributes()
            .withNamespace(namespace)
            .withGroup(apiGroup)
            .withResource(resource)
            .withVerb(verb)
            .endResourceAttributes()
            .endSpec()
            .build();
    return admin.authorization().v1().subjectAccessReview().create(review).getStatus().getAllowed();
  }

  private static String deleteRequest(String ceId, String team, String env) {
    String operationId = UUID.randomUUID().toString();
    ObjectNode data = example(EventCatalog.ENVIRONMENT_DELETE_REQUESTED);
    data.put("operationId", operationId);
    data.put("team", team);
    data.put("environment", env);
    send(EventCatalog.ENVIRONMENT_DELETE_REQUESTED, ceId, team + "/" + env, data);
    return operationId;
  }

  /** deploy-service's fact, as it publishes it; answers the CloudEvents id. */
  private static String deployCompleted(String team, String env, String app, Instant at) {
    String ceId = newId();
    send(
        EventCatalog.DEPLOY_COMPLETED,
        ceId,
        team + "/" + env + "/" + app,
        deployData(team, env, app, at));
    return ceId;
  }

  private static ObjectNode deployData(String team, String env, String app, Instant at) {
    ObjectNode data = example(EventCatalog.DEPLOY_COMPLETED);
    data.put("operationId", UUID.randomUUID().toString());
    data.put("team", team);
    data.put("environment", env);
    data.put("app", app);
    data.put("completedAt", at.toString());
    return data;
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
