package dev.slipway.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.events.EventCatalog;
import dev.slipway.events.EventJson;
import dev.slipway.gateway.domain.WebhookSignatures;
import dev.slipway.testkit.kafka.CloudEventRecords;
import dev.slipway.testkit.oidc.TestOidcServer;
import dev.slipway.testkit.quarkus.SlipwayInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Signed pull request webhooks start, refresh and tear down previews; nothing else gets in. */
@QuarkusTest
@QuarkusTestResource(
    value = SlipwayInfrastructure.class,
    restrictToAnnotatedClass = false,
    initArgs = @ResourceArg(name = "database", value = "gateway"))
@QuarkusTestResource(value = FakeEnvironmentService.class, restrictToAnnotatedClass = false)
class GitWebhookIT {

  static final String SECRET = "it-github-secret";
  private final CloudEventRecords kafka = CloudEventRecords.onSharedBroker();

  @Test
  void anOpenedPullRequestClonesTheBaseWithItsImageOnceEvenWhenRedelivered() throws Exception {
    int number = 1000 + (int) (Math.random() * 100000);
    String body = github("opened", number, "abc123");
    String delivery = UUID.randomUUID().toString();

    String operationId =
        signed(body, delivery)
            .post("/api/v1/webhooks/git")
            .then()
            .statusCode(202)
            .body("previewUrl", equalTo("https://checkout.pr-" + number + ".preview.example.com"))
            .extract()
            .path("operationId");
    // GitHub redelivers: same delivery id, same operation, nothing new published.
    signed(body, delivery)
        .post("/api/v1/webhooks/git")
        .then()
        .statusCode(200)
        .body("operationId", equalTo(operationId))
        .body("duplicate", equalTo(true));

    var published =
        kafka.await(
            "slipway.environment",
            r -> r.value().contains("\"pr-" + number + "\""),
            2,
            Duration.ofSeconds(10));
    assertThat(published).hasSize(1);
    var request =
        EventJson.read(EventCatalog.ENVIRONMENT_CLONE_REQUESTED, published.get(0).value());
    assertThat(request.operationId()).isEqualTo(operationId);
    assertThat(request.team()).isEqualTo("payments");
    assertThat(request.source()).isEqualTo("dev");
    assertThat(request.environment()).isEqualTo("pr-" + number);
    assertThat(request.kind().wire()).isEqualTo("preview");
    assertThat(request.overrides().path("images").path("checkout").asText())
        .isEqualTo("ghcr.io/acme/checkout:pr-" + number + "-abc123");
    assertThat(request.requestedBy().username()).isEqualTo("git:octocat");
    given()
        .auth()
        .oauth2(TestOidcServer.shared().token("alice", List.of("/teams/payments/developer")))
        .get("/api/v1/operations/" + operationId)
        .then()
        .statusCode(200)
        .body("type", equalTo("CLONE_ENVIRONMENT"))
        .body(
            "result.previewUrl", equalTo("https://checkout.pr-" + number + ".preview.example.com"));
  }

  @Test
  void aNewCommitRefreshesThePreviewAndClosingTearsItDown() throws Exception {
    int number = 1000 + (int) (Math.random() * 100000);
    signed(github("synchronize", number, "def456"), UUID.randomUUID().toString())
        .post("/api/v1/webhooks/git")
        .then()
        .statusCode(202);
    signed(github("closed", number, "def456"), UUID.randomUUID().toString())
        .post("/api/v1/webhooks/git")
        .then()
        .statusCode(202);

    var published =
        kafka.await(
            "slipway.environment",
            r -> r.value().contains("\"pr-" + number + "\""),
            2,
            Duration.ofSeconds(20));
    assertThat(published)
        .extracting(r -> CloudEventRecords.header(r, "ce_type").orElse(""))
        .containsExactly(
            EventCatalog.ENVIRONMENT_CLONE_REQUESTED.ceType(),
            EventCatalog.ENVIRONMENT_DELETE_REQUESTED.ceType());
    JsonNode refresh = EventJson.mapper().readTree(published.get(0).value());
    assertThat(refresh.path("overrides").path("images").path("checkout").asText())
        .endsWith("-def456");
  }

  @Test
  void aBadSignatureAnUnknownRepositoryOrNoSignatureIsRefusedAndStartsNothing() throws Exception {
    int number = 1000 + (int) (Math.random() * 100000);
    String body = github("opened", number, "bad");
    given()
        .header("X-GitHub-Event", "pull_request")
        .header("X-GitHub-Delivery", UUID.randomUUID().toString())
        .header(
            "X-Hub-Signature-256",
            "sha256=" + hex(WebhookSignatures.hmacSha256("wrong", bytes(body))))
        .body(body)
        .post("/api/v1/webhooks/git")
        .then()
        .statusCode(401)
        .contentType("application/problem+json");
    given()
        .header("X-GitHub-Event", "pull_request")
        .header("X-GitHub-Delivery", UUID.randomUUID().toString())
        .body(body)
        .post("/api/v1/webhooks/git")
        .then()
        .statusCode(401);
    String foreign = body.replace("acme/checkout", "evil/checkout");
    signed(foreign, UUID.randomUUID().toString())
        .post("/api/v1/webhooks/git")
        .then()
        .statusCode(401);
    // A body changed after signing fails too.
    given()
        .header("X-GitHub-Event", "pull_request")
        .header("X-GitHub-Delivery", UUID.randomUUID().toString())
        .header("X-Hub-Signature-256", signature(body))
        .body(body.replace("\"bad\"", "\"evil\""))
        .post("/api/v1/webhooks/git")
        .then()
        .statusCode(401);

    assertThat(
            kafka.await(
                "slipway.environment",
                r -> r.value().contains("\"pr-" + number + "\""),
                1,
                Duration.ofSeconds(3)))
        .isEmpty();
  }

  @Test
  void gitLabMergeRequestsNeedTheTeamsToken() {
    int number = 1000 + (int) (Math.random() * 100000);
    String body =
        "{\"object_kind\":\"merge_request\",\"user\":{\"username\":\"tanuki\"},"
            + "\"project\":{\"path_with_namespace\":\"acme/checkout\"},"
            + "\"object_attributes\":{\"iid\":"
            + number
            + ",\"action\":\"open\",\"last_commit\":{\"id\":\"789abc\"}}}";
    given()
        .header("X-Gitlab-Event", "Merge Request Hook")
        .header("X-Gitlab-Event-UUID", UUID.randomUUID().toString())
        .header("X-Gitlab-Token", "not-the-token")
        .body(body)
        .post("/api/v1/webhooks/git")
        .then()
        .statusCode(401);
    given()
        .header("X-Gitlab-Event", "Merge Request Hook")
        .header("X-Gitlab-Event-UUID", UUID.randomUUID().toString())
        .header("X-Gitlab-Token", "it-gitlab-token")
        .body(body)
        .post("/api/v1/webhooks/git")
        .then()
        .statusCode(202)
        .body("environment", equalTo("payments/pr-" + number));
  }

  private static io.restassured.specification.RequestSpecification signed(
      String body, String delivery) {
    return given()
        .header("X-GitHub-Event", "pull_request")
        .header("X-GitHub-Delivery", delivery)
        .header("X-Hub-Signature-256", signature(body))
        .contentType("application/json")
        .body(bytes(body));
  }

  private static String signature(String body) {
    return "sha256=" + hex(WebhookSignatures.hmacSha256(SECRET, bytes(body)));
  }

  private static String github(String action, int number, String sha) {
    return "{\"action\":\""
        + action
        + "\",\"number\":"
        + number
        + ",\"pull_request\":{\"number\":"
        + number
        + ",\"head\":{\"sha\":\""
        + sha
        + "\"}},\"repository\":{\"full_name\":\"acme/checkout\"},\"sender\":{\"login\":\"octocat\"}}";
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }
}
