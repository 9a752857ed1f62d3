package dev.slipway.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.slipway.events.BuildRequested;
import dev.slipway.events.BuildStarted;
import dev.slipway.events.BuildSucceeded;
import dev.slipway.events.DeployCompleted;
import dev.slipway.events.EventCatalog;
import dev.slipway.events.EventJson;
import dev.slipway.gateway.domain.WebhookSignatures;
import dev.slipway.testkit.kafka.CloudEventRecords;
import dev.slipway.testkit.quarkus.SlipwayInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Builds through the gateway: {@code POST .../apps/{app}/builds} and signed git pushes publish one
 * BuildRequested each (redeliveries none, bad signatures none), and the operation follows the
 * build's progress: BUILDING, DEPLOYING, SUCCEEDED.
 */
@QuarkusTest
@QuarkusTestResource(
    value = SlipwayInfrastructure.class,
    restrictToAnnotatedClass = false,
    initArgs = @ResourceArg(name = "database", value = "gateway"))
@QuarkusTestResource(value = FakeEnvironmentService.class, restrictToAnnotatedClass = false)
class BuildRoutesIT {

  static final String SECRET = GitWebhookIT.SECRET;
  static final String COMMIT = "9fceb02d0ae598e95dc970b74767f19372d61af8";
  private final CloudEventRecords kafka = CloudEventRecords.onSharedBroker();

  @Test
  void aBuildRequestIsPublishedAndItsOperationFollowsTheBuildToTheDeploy() throws Exception {
    String app = "built-" + UUID.randomUUID().toString().substring(0, 6);
    String operationId =
        given()
            .auth()
            .oauth2(DeployCommandIT.alice())
            .contentType(ContentType.JSON)
            .body("{\"ref\":\"release/1.4\",\"commit\":\"" + COMMIT + "\"}")
            .post("/api/v1/teams/payments/environments/dev/apps/" + app + "/builds")
            .then()
            .statusCode(202)
            .header("Location", org.hamcrest.Matchers.containsString("/api/v1/operations/"))
            .extract()
            .path("operationId");
    BuildRequested request = published(operationId);
    assertThat(request.app()).isEqualTo(app);
    assertThat(request.ref()).isEqualTo("release/1.4");
    assertThat(request.commit()).isEqualTo(COMMIT);
    assertThat(request.environmentKind().wire()).isEqualTo("development");
    assertThat(request.requestedBy().username()).isEqualTo("alice");
    operation(operationId).body("type", equalTo("BUILD")).body("state", equalTo("PENDING"));

    String image = "registry.acme.internal/apps/payments/" + app;
    String buildId = UUID.randomUUID().toString();
    String key = "payments/dev/" + app;
    kafka.publish(
        "slipway.deploy",
        key,
        EventCatalog.BUILD_STARTED.ceType(),
        EventJson.tree(
                new BuildStarted(
                    operationId,
                    "payments",
                    "dev",
                    app,
                    buildId,
                    "job",
                    app + "-build-1",
                    "https://github.com/acme/" + app,
                    COMMIT,
                    image + ":9fceb02d0ae5",
                    Instant.now()))
            .toString());
    awaitDetail(operationId, "BUILDING " + image + ":9fceb02d0ae5");
    String digest = image + "@sha256:" + "4f".repeat(32);
    kafka.publish(
        "slipway.deploy",
        key,
        EventCatalog.BUILD_SUCCEEDED.ceType(),
        EventJson.tree(
                new BuildSucceeded(
                    operationId, "payments", "dev", app, buildId, digest, Instant.now()))
            .toString());
    awaitDetail(operationId, "DEPLOYING " + digest);
    kafka.publish(
        "slipway.deploy",
        key,
        EventCatalog.DEPLOY_COMPLETED.ceType(),
        EventJson.tree(
                new DeployCompleted(
                    operationId, "payments", "dev", app, 1, List.of(), Instant.now()))
            .toString());
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> operation(operationId).body("state", equalTo("SUCCEEDED")));
  }

  @Test
  void aBadRefOrCommitIsRefusedWithEveryFieldAndPublishesNothing() {
    long before = GatewayDatabase.commandsPublished();
    given()
        .auth()
        .oauth2(DeployCommandIT.alice())
        .contentType(ContentType.JSON)
        .body("{\"ref\":\"--upload-pack=x\",\"commit\":\"HEAD~1\"}")
        .post("/api/v1/teams/payments/environments/dev/apps/checkout/builds")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("ref", "commit"));
    assertThat(GatewayDatabase.commandsPublished()).isEqualTo(before);
  }

  @Test
  void aSignedPushToTheBranchBuildsOnceEvenWhenRedelivered() throws Exception {
    String commit = randomCommit();
    String body = push("acme/checkout", "refs/heads/main", commit);
    String delivery = UUID.randomUUID().toString();
    String operationId =
        signed(body, delivery)
            .post("/api/v1/webhooks/git")
            .then()
            .statusCode(202)
            .body("app", equalTo("payments/dev/checkout"))
            .body("statusUrl", startsWith("/api/v1/operations/"))
            .extract()
            .path("operationId");
    signed(body, delivery)
        .post("/api/v1/webhooks/git")
        .then()
        .statusCode(200)
        .body("operationId", equalTo(operationId))
        .body("duplicate", equalTo(true));

    var requests =
        kafka.await(
            "slipway.deploy",
            CloudEventRecords.ofType(EventCatalog.BUILD_REQUESTED.ceType())
                .and(r -> r.value().contains(commit)),
            2,
            Duration.ofSeconds(8));
    assertThat(requests).hasSize(1);
    BuildRequested request = EventJson.read(EventCatalog.BUILD_REQUESTED, requests.get(0).value());
    assertThat(request.operationId()).isEqualTo(operationId);
    assertThat(request.app()).isEqualTo("checkout");
    assertThat(request.ref()).isEqualTo("main");
    assertThat(request.commit()).isEqualTo(commit);
    assertThat(request.requestedBy().username()).isEqualTo("git:octocat");
    assertThat(request.environmentKind()).as("deploy-service knows the kind").isNull();
  }

  @Test
  void aBadSignatureOrOtherBranchesStartNoBuild() throws Exception {
    long before = GatewayDatabase.commandsPublished();
    String body = push("acme/checkout", "refs/heads/main", randomCommit());
    given()
        .header("X-GitHub-Event", "push")
        .header("X-GitHub-Delivery", UUID.randomUUID().toString())
        .header(
            "X-Hub-Signature-256",
            "sha256=" + hex(WebhookSignatures.hmacSha256("wrong", bytes(body))))
        .body(bytes(body))
        .post("/api/v1/webhooks/git")
        .then()
        .statusCode(401)
        .contentType("application/problem+json");
    given()
        .header("X-GitHub-Event", "push")
        .header("X-GitHub-Delivery", UUID.randomUUID().toString())
        .header("X-Hub-Signature-256", signature(body))
        .body(bytes(body.replace("\"after\":\"", "\"after\":\"1")))
        .post("/api/v1/webhooks/git")
        .then()
        .statusCode(401);
    signed(
            push("acme/checkout", "refs/heads/feature/x", randomCommit()),
            UUID.randomUUID().toString())
        .post("/api/v1/webhooks/git")
        .then()
        .statusCode(204);
    signed(push("acme/checkout", "refs/tags/v1.0.0", randomCommit()), UUID.randomUUID().toString())
        .post("/api/v1/webhooks/git")
        .then()
        .statusCode(204);
    assertThat(GatewayDatabase.commandsPublished()).isEqualTo(before);
  }

  @Test
  void gitLabPushesNeedTheTeamsToken() {
    String commit = randomCommit();
    String body =
        "{\"object_kind\":\"push\",\"ref\":\"refs/heads/main\",\"checkout_sha\":\""
            + commit
            + "\",\"user_username\":\"tanuki\",\"project\":{\"path_with_namespace\":\"acme/checkout\"}}";
    given()
        .header("X-Gitlab-Event", "Push Hook")
        .header("X-Gitlab-Event-UUID", UUID.randomUUID().toString())
        .header("X-Gitlab-Token", "not-the-token")
        .body(body)
        .post("/api/v1/webhooks/git")
        .then()
        .statusCode(401);
    given()
        .header("X-Gitlab-Event", "Push Hook")
        .header("X-Gitlab-Event-UUID", UUID.randomUUID().toString())
        .header("X-Gitlab-Token", "it-gitlab-token")
        .body(body)
        .post("/api/v1/webhooks/git")
        .then()
        .statusCode(202)
        .body("commit", equalTo(commit));
  }

  private BuildRequested published(String operationId) {
    var found =
        kafka.await(
            "slipway.deploy",
            CloudEventRecords.ofType(EventCatalog.BUILD_REQUESTED.ceType())
                .and(r -> r.value().contains(operationId)),
            1,
            Duration.ofSeconds(20));
    assertThat(found).hasSize(1);
    return EventJson.read(EventCatalog.BUILD_REQUESTED, found.get(0).value());
  }

  private static io.restassured.response.ValidatableResponse operation(String operationId) {
    return given()
        .auth()
        .oauth2(DeployCommandIT.alice())
        .get("/api/v1/operations/" + operationId)
        .then()
        .statusCode(200);
  }

  private static void awaitDetail(String operationId, String detail) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                operation(operationId)
                    .body("state", equalTo("RUNNING"))
                    .body("detail", startsWith(detail)));
  }

  private static RequestSpecification signed(String body, String delivery) {
    return given()
        .header("X-GitHub-Event", "push")
        .header("X-GitHub-Delivery", delivery)
        .header("X-Hub-Signature-256", signature(body))
        .contentType("application/json")
        .body(bytes(body));
  }

  private static String push(String repository, String ref, String commit) {
    return "{\"ref\":\""
        + ref
        + "\",\"after\":\""
        + commit
        + "\",\"deleted\":false,\"repository\":{\"full_name\":\""
        + repository
        + "\"},\"sender\":{\"login\":\"octocat\"}}";
  }

  private static String randomCommit() {
    return (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "").substring(0, 40);
  }

  private static String signature(String body) {
    return "sha256=" + hex(WebhookSignatures.hmacSha256(SECRET, bytes(body)));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }
}
