package dev.slipway.environment.it;

import static dev.slipway.environment.it.CloudEventsOnKafka.example;
import static dev.slipway.environment.it.CloudEventsOnKafka.newId;
import static dev.slipway.environment.it.CloudEventsOnKafka.readAll;
import static dev.slipway.environment.it.CloudEventsOnKafka.send;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.events.EventCatalog;
import dev.slipway.events.EventJson;
import dev.slipway.events.EventType;
import dev.slipway.testkit.kubernetes.KubernetesTestResource;
import dev.slipway.testkit.oidc.TestOidcServer;
import dev.slipway.testkit.quarkus.SlipwayInfrastructure;
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
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A team's quota over the real servers: the review the gateway asks for, the change as a command on
 * Kafka, every environment's ResourceQuota in the API server, and the audited outcome event.
 */
@QuarkusTest
@WithTestResource(
    value = SlipwayInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "environment"))
@WithTestResource(
    value = KubernetesTestResource.class,
    initArgs = @ResourceArg(name = "service-account", value = "environment-service"))
class TeamQuotaIT {

  static final Duration PATIENCE = Duration.ofSeconds(60);

  final KubernetesClient admin = adminClient();
  final List<String> namespaces = new ArrayList<>();

  @AfterEach
  void deleteNamespaces() {
    namespaces.forEach(name -> admin.namespaces().withName(name).delete());
    admin.close();
  }

  @Test
  void aTechLeadsChangeReachesTheQuotaOfEveryEnvironmentOfTheTeamOnce() {
    String team = uniqueTeam();
    createEnvironment(team, "staging", "staging");
    createEnvironment(team, "dev", "development");

    given()
        .auth()
        .oauth2(token("dora", "/teams/" + team + "/developer"))
        .get("/api/v1/teams/{team}/quota", team)
        .then()
        .statusCode(200)
        .body("kinds.staging.cpu", equalTo("8"))
        .body("kinds.development.pods", equalTo(30))
        .body("limits.memory", equalTo("256Gi"));

    JsonNode review =
        review(
            team,
            "{\"kinds\":{\"staging\":{\"cpu\":\"12\",\"memory\":\"24Gi\"},"
                + "\"development\":{\"pods\":10}}}");
    assertThat(review.path("increase").asBoolean()).isTrue();
    assertThat(review.path("changes")).hasSize(3);

    String ceId = newId();
    String operationId = changeQuota(ceId, team, review);
    var changed = awaitOne(EventCatalog.TEAM_QUOTA_CHANGED, operationId);
    assertThat(changed.data().path("environments"))
        .extracting(JsonNode::asText)
        .containsExactlyInAnyOrder("staging", "dev");
    assertThat(changed.data().path("previous").path("staging").path("cpu").asText()).isEqualTo("8");

    assertThat(hard(team + "-staging"))
        .containsEntry("requests.cpu", new Quantity("12"))
        .containsEntry("limits.cpu", new Quantity("12"))
        .containsEntry("limits.memory", new Quantity("24Gi"))
        .containsEntry("pods", new Quantity("50"));
    assertThat(hard(team + "-dev"))
        .containsEntry("pods", new Quantity("10"))
        .containsEntry("requests.cpu", new Quantity("4"));

    given()
        .auth()
        .oauth2(token("dora", "/teams/" + team + "/developer"))
        .get("/api/v1/teams/{team}/quota", team)
        .then()
        .statusCode(200)
        .body("kinds.staging.cpu", equalTo("12"))
        .body("kinds.development.pods", equalTo(10))
        .body("changedBy", equalTo(changed.data().path("actor").path("username").asText()));

    // A new environment of the team gets the team's quota, not the platform's default.
    createEnvironment(team, "staging2", "staging");
    assertThat(hard(team + "-staging2")).containsEntry("requests.cpu", new Quantity("12"));

    // The command redelivered changes nothing and publishes nothing: a later change to wait on.
    send(
        EventCatalog.TEAM_QUOTA_CHANGE_REQUESTED,
        ceId,
        team,
        commandData(operationId, team, review));
    String later =
        changeQuota(newId(), team, review(team, "{\"kinds\":{\"preview\":{\"pods\":\"5\"}}}"));
    awaitOne(EventCatalog.TEAM_QUOTA_CHANGED, later);
    assertThat(readAll(EventCatalog.TEAM_QUOTA_CHANGED, operationId)).hasSize(1);
  }

  @Test
  void aChangeReviewedAgainstAQuotaThatMovedSinceIsRefusedAndAppliesNothing() {
    String team = uniqueTeam();
    createEnvironment(team, "staging", "staging");
    JsonNode stale = review(team, "{\"kinds\":{\"staging\":{\"cpu\":\"12\"}}}");
    JsonNode decrease = review(team, "{\"kinds\":{\"staging\":{\"cpu\":\"6\"}}}");
    assertThat(decrease.path("increase").asBoolean()).isFalse();

    awaitOne(EventCatalog.TEAM_QUOTA_CHANGED, changeQuota(newId(), team, decrease));
    String refused = changeQuota(newId(), team, stale);

    var failed = awaitOne(EventCatalog.TEAM_QUOTA_CHANGE_FAILED, refused);
    assertThat(failed.text("reason")).contains("changed since this change was reviewed");
    assertThat(hard(team + "-staging")).containsEntry("requests.cpu", new Quantity("6"));
    assertThat(readAll(EventCatalog.TEAM_QUOTA_CHANGED, refused)).isEmpty();
  }

  @Test
  void valuesThatDoNotParseOrExceedThePlatformLimitAre400WithTheirFields() {
    String team = uniqueTeam();
    given()
        .auth()
        .oauth2(token("lena", "/teams/" + team + "/tech-lead"))
        .contentType("application/json")
        .body(
            "{\"kinds\":{\"staging\":{\"cpu\":\"lots\",\"memory\":\"300Gi\",\"pods\":true},"
                + "\"qa\":{}}}")
        .post("/api/v1/teams/{team}/quota/review", team)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body(
            "errors.field",
            hasItems("kinds.staging.cpu", "kinds.staging.memory", "kinds.staging.pods", "kinds.qa"))
        .body(
            "errors.find { it.field == 'kinds.staging.memory' }.reason",
            equalTo("is above the platform's limit of 256Gi per environment"));

    given()
        .auth()
        .oauth2(token("dora", "/teams/" + team + "/developer"))
        .contentType("application/json")
        .body("{\"kinds\":{\"staging\":{\"cpu\":\"1\"}}}")
        .post("/api/v1/teams/{team}/quota/review", team)
        .then()
        .statusCode(403);
    given()
        .auth()
        .oauth2(token("olaf", "/teams/search/tech-lead"))
        .get("/api/v1/teams/{team}/quota", team)
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }

  private JsonNode review(String team, String body) {
    String json =
        given()
            .auth()
            .oauth2(token("lena", "/teams/" + team + "/tech-lead"))
            .contentType("application/json")
            .body(body)
            .post("/api/v1/teams/{team}/quota/review", team)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    try {
      return EventJson.mapper().readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The gateway's command for a reviewed change; answers its operation id. */
  private static String changeQuota(String ceId, String team, JsonNode review) {
    String operationId = UUID.randomUUID().toString();
    send(
        EventCatalog.TEAM_QUOTA_CHANGE_REQUESTED,
        ceId,
        team,
        commandData(operationId, team, review));
    return operationId;
  }

  private static ObjectNode commandData(String operationId, String team, JsonNode review) {
    ObjectNode data = example(EventCatalog.TEAM_QUOTA_CHANGE_REQUESTED);
    data.put("operationId", operationId);
    data.put("team", team);
    data.set("quota", review.path("quota"));
    data.put("changeHash", review.path("changeHash").asText());
    return data;
  }

  private void createEnvironment(String team, String env, String kind) {
    String operationId = UUID.randomUUID().toString();
    ObjectNode data = example(EventCatalog.ENVIRONMENT_REQUESTED);
    data.put("operationId", operationId);
    data.put("team", team);
    data.put("environment", env);
    data.put("kind", kind);
    namespaces.add(team + "-" + env);
    send(EventCatalog.ENVIRONMENT_REQUESTED, newId(), team + "/" + env, data);
    awaitOne(EventCatalog.ENVIRONMENT_CREATED, operationId);
  }

  private Map<String, Quantity> hard(String namespace) {
    return admin
        .resourceQuotas()
        .inNamespace(namespace)
        .withName("slipway-quota")
        .get()
        .getSpec()
        .getHard();
  }

  private static CloudEventsOnKafka.Event awaitOne(EventType<?> type, String operationId) {
    return await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(250))
        .until(() -> readAll(type, operationId), events -> !events.isEmpty())
        .get(0);
  }

  /** Fresh teams: the quota is the team's, and the database may outlive one test JVM. */
  private static String uniqueTeam() {
    return "q" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
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
