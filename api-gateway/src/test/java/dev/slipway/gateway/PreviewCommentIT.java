package dev.slipway.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.events.EventCatalog;
import dev.slipway.events.EventJson;
import dev.slipway.gateway.domain.WebhookSignatures;
import dev.slipway.testkit.kafka.CloudEventRecords;
import dev.slipway.testkit.quarkus.SlipwayInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * With an API token for the git host, a preview's URL is posted on its pull request once the
 * preview is up: once, however often the webhook or the outcome event is redelivered, and after the
 * git host's failures (retried). The git host is FakeGitHost on 127.0.0.1.
 */
@QuarkusTest
@WithTestResource(
    value = SlipwayInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "gateway"))
@WithTestResource(FakeEnvironmentService.class)
@WithTestResource(FakeUpstreams.class)
@WithTestResource(FakeGitHost.class)
class PreviewCommentIT {

  private final CloudEventRecords kafka = CloudEventRecords.onSharedBroker();

  @Test
  void theUrlIsPostedOnThePullRequestOnceAfterTheGitHostFailedTwice() throws Exception {
    int number = 1000 + (int) (Math.random() * 100000);
    String url = "https://checkout.pr-" + number + ".preview.example.com";
    String body = github(number);
    String delivery = UUID.randomUUID().toString();
    String operationId =
        signed(body, delivery)
            .post("/api/v1/webhooks/git")
            .then()
            .statusCode(202)
            .extract()
            .path("operationId");
    signed(body, delivery).post("/api/v1/webhooks/git").then().statusCode(200);
    String path = "/github/repos/acme/checkout/issues/" + number + "/comments";

    // Nothing while the preview is being made.
    Thread.sleep(2_000);
    assertThat(comments(path)).isEmpty();

    FakeGitHost.FAILURES.set(2);
    String ceId = UUID.randomUUID().toString();
    ObjectNode completed = example();
    completed.put("operationId", operationId);
    completed.put("environment", "pr-" + number);
    kafka.publish(
        "slipway.environment",
        "payments/pr-" + number,
        EventCatalog.ENVIRONMENT_CLONE_COMPLETED.ceType(),
        ceId,
        completed.toString());

    await()
        .atMost(Duration.ofSeconds(40))
        .untilAsserted(() -> assertThat(comments(path)).hasSize(1));
    var comment = comments(path).get(0);
    assertThat(comment.auth()).isEqualTo("Bearer it-github-api-token");
    assertThat(EventJson.mapper().readTree(comment.body()).path("body").asText())
        .contains(url)
        .contains("slipway-preview:" + operationId);
    assertThat(FakeGitHost.FAILURES.get()).isZero();

    // The outcome redelivered, and the webhook again: still one comment.
    kafka.publish(
        "slipway.environment",
        "payments/pr-" + number,
        EventCatalog.ENVIRONMENT_CLONE_COMPLETED.ceType(),
        ceId,
        completed.toString());
    signed(body, delivery).post("/api/v1/webhooks/git").then().statusCode(200);
    Thread.sleep(4_000);
    assertThat(comments(path)).hasSize(1);
  }

  @Test
  void aGitLabMergeRequestGetsANoteWithThePrivateToken() throws Exception {
    int number = 1000 + (int) (Math.random() * 100000);
    String body =
        "{\"object_kind\":\"merge_request\",\"project\":{\"path_with_namespace\":\"acme/checkout\"},"
            + "\"user\":{\"username\":\"tanuki\"},\"object_attributes\":{\"iid\":"
            + number
            + ",\"action\":\"open\",\"last_commit\":{\"id\":\"abc123\"}}}";
    String operationId =
        given()
            .header("X-Gitlab-Event", "Merge Request Hook")
            .header("X-Gitlab-Event-UUID", UUID.randomUUID().toString())
            .header("X-Gitlab-Token", "it-gitlab-token")
            .contentType("application/json")
            .body(body.getBytes(StandardCharsets.UTF_8))
            .post("/api/v1/webhooks/git")
            .then()
            .statusCode(202)
            .extract()
            .path("operationId");
    ObjectNode completed = example();
    completed.put("operationId", operationId);
    completed.put("environment", "pr-" + number);
    kafka.publish(
        "slipway.environment",
        "payments/pr-" + number,
        EventCatalog.ENVIRONMENT_CLONE_COMPLETED.ceType(),
        completed.toString());

    String path = "/gitlab/projects/acme%2Fcheckout/merge_requests/" + number + "/notes";
    await()
        .atMost(Duration.ofSeconds(40))
        .untilAsserted(() -> assertThat(comments(path)).hasSize(1));
    assertThat(comments(path).get(0).auth()).isEqualTo("it-gitlab-api-token");
  }

  private static List<FakeGitHost.Received> comments(String path) {
    return FakeGitHost.COMMENTS.stream().filter(c -> c.path().equals(path)).toList();
  }

  private static io.restassured.specification.RequestSpecification signed(
      String body, String delivery) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return given()
        .header("X-GitHub-Event", "pull_request")
        .header("X-GitHub-Delivery", delivery)
        .header(
            "X-Hub-Signature-256",
            "sha256="
                + HexFormat.of().formatHex(WebhookSignatures.hmacSha256("it-github-secret", bytes)))
        .contentType("application/json")
        .body(bytes);
  }

  private static String github(int number) {
    return "{\"action\":\"opened\",\"number\":"
        + number
        + ",\"pull_request\":{\"number\":"
        + number
        + ",\"head\":{\"sha\":\"abc123\"}},\"repository\":{\"full_name\":\"acme/checkout\"},"
        + "\"sender\":{\"login\":\"octocat\"}}";
  }

  private static ObjectNode example() throws Exception {
    try (InputStream in =
        PreviewCommentIT.class.getResourceAsStream(
            EventCatalog.ENVIRONMENT_CLONE_COMPLETED.exampleResource())) {
      return (ObjectNode) EventJson.mapper().readTree(in);
    }
  }
}
