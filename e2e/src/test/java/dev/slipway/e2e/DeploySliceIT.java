package dev.slipway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.testkit.kubernetes.LocalKubernetes;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 3's vertical slice through the real services, each its own process: a developer deploys
 * through the gateway, deploy-service applies the golden path to the Kubernetes API, the operation
 * ends SUCCEEDED, and audit-service holds the trail.
 */
class DeploySliceIT {

  private static final String JSON = "application/json";
  private static Platform platform;
  private static Api alice;

  @BeforeAll
  static void platform() throws Exception {
    Path work = Files.createTempDirectory("slipway-e2e");
    platform =
        Platform.start(
            Platform.repoRoot(),
            work,
            List.of("api-gateway", "deploy-service", "environment-service", "audit-service"));
    alice =
        new Api(
            platform.gatewayUrl(), platform.token("alice", List.of("/teams/payments/developer")));
    Api admin = new Api(platform.gatewayUrl(), platform.token("admin", List.of("/platform-admin")));
    var created =
        admin.post(
            "/api/v1/teams/payments/environments",
            JSON,
            "{\"name\":\"dev\",\"kind\":\"development\"}");
    assertThat(created.status()).as(created.raw().body()).isEqualTo(202);
    assertThat(
            last(admin.followOperation(
                    created.body().path("operationId").asText(), Duration.ofSeconds(60)))
                .path("state")
                .asText())
        .isEqualTo("SUCCEEDED");
  }

  @AfterAll
  static void stop() {
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  void aDevelopersDeployIsAppliedFollowedToSucceededAndAudited() throws Exception {
    var accepted =
        alice.post(
            "/api/v1/teams/payments/environments/dev/apps",
            JSON,
            "{\"name\":\"hello\",\"image\":\"nginxinc/nginx-unprivileged:1.27\",\"port\":8080}");
    assertThat(accepted.status()).as(accepted.raw().body()).isEqualTo(202);
    String operationId = accepted.body().path("operationId").asText();
    assertThat(accepted.raw().headers().firstValue("Location"))
        .get()
        .asString()
        .endsWith("/api/v1/operations/" + operationId);

    List<JsonNode> states = alice.followOperation(operationId, Duration.ofSeconds(60));
    assertThat(last(states).path("state").asText()).as(states.toString()).isEqualTo("SUCCEEDED");
    assertThat(last(states).path("result").path("revision").asInt()).isEqualTo(1);

    KubernetesClient cluster = LocalKubernetes.shared().adminClient();
    var deployment =
        cluster.apps().deployments().inNamespace("payments-dev").withName("hello").get();
    assertThat(deployment.getMetadata().getManagedFields())
        .anySatisfy(f -> assertThat(f.getManager()).isEqualTo("slipway-deploy"));
    assertThat(cluster.services().inNamespace("payments-dev").withName("hello").get()).isNotNull();
    assertThat(
            cluster
                .autoscaling()
                .v2()
                .horizontalPodAutoscalers()
                .inNamespace("payments-dev")
                .withName("hello")
                .get())
        .isNotNull();
    assertThat(
            cluster
                .policy()
                .v1()
                .podDisruptionBudget()
                .inNamespace("payments-dev")
                .withName("hello")
                .get())
        .isNotNull();
    assertThat(
            cluster.network().networkPolicies().inNamespace("payments-dev").withName("hello").get())
        .isNotNull();

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              var trail = alice.get("/api/v1/audit?operationId=" + operationId);
              assertThat(trail.status()).isEqualTo(200);
              List<String> types = new ArrayList<>();
              trail
                  .body()
                  .path("items")
                  .forEach(
                      item -> types.add(item.path("type").asText(item.path("ceType").asText())));
              assertThat(types)
                  .contains("dev.slipway.deploy.requested.v1", "dev.slipway.deploy.completed.v1");
            });

    var app = alice.get("/api/v1/teams/payments/environments/dev/apps/hello");
    assertThat(app.status()).isEqualTo(200);
  }

  @Test
  void badInputOtherTeamsAndMissingTokensAreRefusedWithProblems() throws Exception {
    var invalid =
        alice.post(
            "/api/v1/teams/payments/environments/dev/apps",
            JSON,
            "{\"name\":\"Bad_Name\",\"image\":\"x:1\",\"port\":0,\"extra\":1}");
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(invalid.raw().headers().firstValue("Content-Type"))
        .get()
        .asString()
        .startsWith("application/problem+json");
    List<String> fields = new ArrayList<>();
    invalid.body().path("errors").forEach(e -> fields.add(e.path("field").asText()));
    assertThat(fields).contains("name", "port", "extra");

    Api carol =
        new Api(platform.gatewayUrl(), platform.token("carol", List.of("/teams/search/developer")));
    assertThat(
            carol
                .post(
                    "/api/v1/teams/payments/environments/dev/apps",
                    JSON,
                    "{\"name\":\"x\",\"image\":\"a/b:1\",\"port\":80}")
                .status())
        .isEqualTo(404);
    assertThat(carol.get("/api/v1/teams/payments/environments/dev/apps/hello").status())
        .isEqualTo(404);
    assertThat(
            new Api(platform.gatewayUrl(), null)
                .get("/api/v1/teams/payments/environments")
                .status())
        .isEqualTo(401);
  }

  private static JsonNode last(List<JsonNode> states) {
    assertThat(states).isNotEmpty();
    return states.get(states.size() - 1);
  }
}
