package dev.slipway.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.slipway.events.ApprovalDecisionSubmitted;
import dev.slipway.events.EventCatalog;
import dev.slipway.events.EventJson;
import dev.slipway.gateway.domain.ChatSignatures;
import dev.slipway.gateway.domain.EventSignatures;
import dev.slipway.testkit.kafka.CloudEventRecords;
import dev.slipway.testkit.oidc.TestOidcServer;
import dev.slipway.testkit.quarkus.SlipwayInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Gated actions wait for a tech lead or an admin, never the requester; approving publishes exactly
 * the held command (with its plan hash); rejecting and expiring publish nothing of it; chat bots
 * decide through a signed webhook; a chat channel hears of every request and decision.
 */
@QuarkusTest
@WithTestResource(
    value = SlipwayInfrastructure.class,
    initArgs = @ResourceArg(name = "database", value = "gateway"))
@WithTestResource(FakeEnvironmentService.class)
@WithTestResource(FakeUpstreams.class)
class ApprovalsIT {

  private final CloudEventRecords kafka = CloudEventRecords.onSharedBroker();

  static String alice() {
    return TestOidcServer.shared().token("alice", List.of("/teams/payments/developer"));
  }

  static String bob() {
    return TestOidcServer.shared().token("bob", List.of("/teams/payments/tech-lead"));
  }

  static String lead2() {
    return TestOidcServer.shared().token("erin", List.of("/teams/payments/tech-lead"));
  }

  static String carol() {
    return TestOidcServer.shared().token("carol", List.of("/teams/search/tech-lead"));
  }

  static String admin() {
    return TestOidcServer.shared().token("pat", List.of("/platform-admin"));
  }

  /** alice asks to deploy to production with a reviewed plan: the operation and its approval. */
  private static String[] requestProductionDeploy(String app, String planHash) {
    String operationId =
        given()
            .auth()
            .oauth2(alice())
            .contentType(ContentType.JSON)
            .queryParam("planHash", planHash)
            .body("{\"name\":\"" + app + "\",\"image\":\"ghcr.io/acme/x:1.0\",\"port\":8080}")
            .post("/api/v1/teams/payments/environments/production/apps")
            .then()
            .statusCode(202)
            .extract()
            .path("operationId");
    String approvalId =
        given()
            .auth()
            .oauth2(alice())
            .get("/api/v1/operations/" + operationId)
            .then()
            .statusCode(200)
            .body("state", equalTo("PENDING_APPROVAL"))
            .extract()
            .path("result.approvalId");
    return new String[] {operationId, approvalId};
  }

  @Test
  void anApprovedDeployPublishesExactlyTheReviewedPlan() throws Exception {
    String app = "gated-" + UUID.randomUUID().toString().substring(0, 6);
    String hash = "c".repeat(64);
    String[] ids = requestProductionDeploy(app, hash);

    var requested =
        kafka.await("slipway.approval", r -> r.value().contains(ids[1]), 1, Duration.ofSeconds(20));
    assertThat(CloudEventRecords.header(requested.get(0), "ce_type"))
        .contains(EventCatalog.APPROVAL_REQUESTED.ceType());
    assertThat(
            kafka.collect("slipway.deploy", r -> r.value().contains(ids[0]), Duration.ofSeconds(2)))
        .as("nothing is deployed before approval")
        .isEmpty();

    // The tech lead sees it; the requester does not (nobody decides their own request).
    given()
        .auth()
        .oauth2(bob())
        .get("/api/v1/approvals")
        .then()
        .statusCode(200)
        .body("find { it.id == '" + ids[1] + "' }.planHash", equalTo(hash));
    given()
        .auth()
        .oauth2(alice())
        .get("/api/v1/approvals")
        .then()
        .body("find { it.id == '" + ids[1] + "' }", org.hamcrest.Matchers.nullValue());

    given()
        .auth()
        .oauth2(alice())
        .post("/api/v1/approvals/" + ids[1] + "/approve")
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
    given()
        .auth()
        .oauth2(carol())
        .post("/api/v1/approvals/" + ids[1] + "/approve")
        .then()
        .statusCode(404);

    given()
        .auth()
        .oauth2(bob())
        .post("/api/v1/approvals/" + ids[1] + "/approve")
        .then()
        .statusCode(200)
        .body("state", equalTo("APPROVED"))
        .body("decidedBy", equalTo("bob"))
        .body("channel", equalTo("api"));

    var deploy =
        kafka.await("slipway.deploy", r -> r.value().contains(ids[0]), 1, Duration.ofSeconds(20));
    var command = EventJson.read(EventCatalog.DEPLOY_REQUESTED, deploy.get(0).value());
    assertThat(command.planHash()).isEqualTo(hash);
    assertThat(command.requestedBy().username()).isEqualTo("alice");
    assertThat(command.app()).isEqualTo(app);
    var granted =
        kafka.await(
            "slipway.approval",
            r -> r.value().contains(ids[1]) && r.value().contains("\"decidedBy\""),
            1,
            Duration.ofSeconds(20));
    var fact = EventJson.read(EventCatalog.APPROVAL_GRANTED, granted.get(0).value());
    assertThat(fact.decidedBy().username()).isEqualTo("bob");
    assertThat(fact.planHash()).isEqualTo(hash);

    given()
        .auth()
        .oauth2(alice())
        .get("/api/v1/operations/" + ids[0])
        .then()
        .body("state", equalTo("PENDING"));
    given()
        .auth()
        .oauth2(lead2())
        .post("/api/v1/approvals/" + ids[1] + "/reject")
        .then()
        .statusCode(409);

    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                FakeUpstreams.NOTIFICATIONS.stream()
                    .anyMatch(n -> n.contains(ids[1]) && n.contains("approval.granted")));
  }

  @Test
  void aTechLeadCannotApproveTheirOwnProductionDeletion() {
    String operationId =
        given()
            .auth()
            .oauth2(bob())
            .delete("/api/v1/teams/payments/environments/production")
            .then()
            .statusCode(202)
            .extract()
            .path("operationId");
    String approvalId =
        given()
            .auth()
            .oauth2(bob())
            .get("/api/v1/operations/" + operationId)
            .then()
            .body("state", equalTo("PENDING_APPROVAL"))
            .extract()
            .path("result.approvalId");
    given()
        .auth()
        .oauth2(bob())
        .post("/api/v1/approvals/" + approvalId + "/approve")
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
    given()
        .auth()
        .oauth2(admin())
        .contentType(ContentType.JSON)
        .body("{\"reason\":\"not during the freeze\"}")
        .post("/api/v1/approvals/" + approvalId + "/reject")
        .then()
        .statusCode(200)
        .body("state", equalTo("REJECTED"));
    given()
        .auth()
        .oauth2(bob())
        .get("/api/v1/operations/" + operationId)
        .then()
        .body("state", equalTo("REJECTED"));
    assertThat(
            kafka.collect(
                "slipway.environment", r -> r.value().contains(operationId), Duration.ofSeconds(3)))
        .as("a rejected deletion publishes nothing")
        .isEmpty();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> FakeUpstreams.NOTIFICATIONS.stream().anyMatch(n -> n.contains(approvalId)));
  }

  @Test
  void anUndecidedRequestExpiresAsRejected() {
    String[] ids =
        requestProductionDeploy(
            "late-" + UUID.randomUUID().toString().substring(0, 6), "d".repeat(64));
    GatewayDatabase.update(
        "update approval_request set expires_at = now() - interval '1 second' where id = '"
            + ids[1]
            + "'");
    await()
        .atMost(20, TimeUnit.SECONDS)
        .untilAsserted(
            () ->
                given()
                    .auth()
                    .oauth2(alice())
                    .get("/api/v1/operations/" + ids[0])
                    .then()
                    .body("state", equalTo("REJECTED")));
    given()
        .auth()
        .oauth2(bob())
        .post("/api/v1/approvals/" + ids[1] + "/approve")
        .then()
        .statusCode(409);
    var rejected =
        kafka.await(
            "slipway.approval",
            r -> r.value().contains(ids[1]) && r.value().contains("\"expiry\""),
            1,
            Duration.ofSeconds(20));
    assertThat(EventJson.read(EventCatalog.APPROVAL_REJECTED, rejected.get(0).value()).reason())
        .isEqualTo("expired");
    assertThat(
            kafka.collect("slipway.deploy", r -> r.value().contains(ids[0]), Duration.ofSeconds(2)))
        .isEmpty();
  }

  @Test
  void aSignedChatButtonApprovesAsTheMappedUser() {
    String[] ids =
        requestProductionDeploy(
            "chat-" + UUID.randomUUID().toString().substring(0, 6), "e".repeat(64));
    String body =
        "payload="
            + java.net.URLEncoder.encode(
                "{\"type\":\"block_actions\",\"user\":{\"id\":\"U0BOB\"},\"actions\":[{\"action_id\":\"approve\",\"value\":\""
                    + ids[1]
                    + "\"}]}",
                StandardCharsets.UTF_8);
    String now = Long.toString(Instant.now().getEpochSecond());

    // Bad signature, a replayed (stale) request, an unmapped user: nothing decided.
    chat(body, now, "v0=" + "0".repeat(64))
        .then()
        .statusCode(401)
        .contentType("application/problem+json");
    String stale = Long.toString(Instant.now().minusSeconds(600).getEpochSecond());
    chat(body, stale, sign(stale, body)).then().statusCode(401);
    String stranger = body.replace("U0BOB", "U0NOBODY");
    chat(stranger, now, sign(now, stranger)).then().statusCode(403);
    // The requester, mapped from chat, is still the requester.
    String self = body.replace("U0BOB", "U0ALICE");
    chat(self, now, sign(now, self)).then().statusCode(403);

    chat(body, now, sign(now, body))
        .then()
        .statusCode(200)
        .body("approval.state", equalTo("APPROVED"))
        .body("approval.channel", equalTo("chat"))
        .body("approval.decidedBy", equalTo("bob"));
    kafka.await("slipway.deploy", r -> r.value().contains(ids[0]), 1, Duration.ofSeconds(20));
  }

  /** The change-board producer's private key (its public key is in the test configuration). */
  private static final String CHANGE_BOARD_KEY =
      "MC4CAQAwBQYDK2VwBCIEIFoSSA2vstxf2qZxkn/f3+5IfmcF6rl9b7nJmK1dViGH";

  @Test
  void aSignedApprovalEventDecidesAsTheMappedUserAndAnythingElseIsDeadLettered() throws Exception {
    String[] ids =
        requestProductionDeploy(
            "event-" + UUID.randomUUID().toString().substring(0, 6), "d".repeat(64));
    PrivateKey changeBoard = privateKey(CHANGE_BOARD_KEY);
    PrivateKey stranger = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate();
    String now = Instant.now().toString();

    // Forged, foreign, stale, unmapped or aimed at another environment: each dead-lettered with
    // its reason, nothing decided.
    publishDecision(ids[1], "production", "cb-bob", "forged", stranger, "/change-board", now);
    publishDecision(ids[1], "production", "cb-bob", "foreign", changeBoard, "/elsewhere", now);
    String stale = Instant.now().minusSeconds(900).toString();
    publishDecision(ids[1], "production", "cb-bob", "stale", changeBoard, "/change-board", stale);
    publishDecision(ids[1], "production", "cb-eve", "unmapped", changeBoard, "/change-board", now);
    publishDecision(ids[1], "staging", "cb-bob", "elsewhere", changeBoard, "/change-board", now);
    var dead =
        kafka.await(
            "slipway.dlq",
            r -> r.value() != null && r.value().contains(ids[1]),
            5,
            Duration.ofSeconds(30));
    assertThat(dead)
        .extracting(r -> CloudEventRecords.header(r, "dead-letter-reason").orElse(""))
        .anySatisfy(reason -> assertThat(reason).contains("bad or missing signature"))
        .anySatisfy(reason -> assertThat(reason).contains("not a configured approval producer"))
        .anySatisfy(reason -> assertThat(reason).contains("outside the replay window"))
        .anySatisfy(reason -> assertThat(reason).contains("cb-eve is not mapped"))
        .anySatisfy(reason -> assertThat(reason).contains("no approval " + ids[1] + " in"));
    assertThat(
            kafka.collect("slipway.deploy", r -> r.value().contains(ids[0]), Duration.ofSeconds(1)))
        .isEmpty();

    // Signed by the change board for bob: approved once, even when delivered twice.
    String id = UUID.randomUUID().toString();
    for (int delivery = 0; delivery < 2; delivery++) {
      publishDecision(ids[1], "production", "cb-bob", null, changeBoard, "/change-board", now, id);
    }
    kafka.await("slipway.deploy", r -> r.value().contains(ids[0]), 1, Duration.ofSeconds(30));
    var granted =
        kafka.collect(
            "slipway.approval",
            r ->
                CloudEventRecords.ofType(EventCatalog.APPROVAL_GRANTED.ceType()).test(r)
                    && r.value().contains(ids[1]),
            Duration.ofSeconds(3));
    assertThat(granted).hasSize(1);
    var fact = EventJson.read(EventCatalog.APPROVAL_GRANTED, granted.get(0).value());
    assertThat(fact.channel()).isEqualTo("event");
    assertThat(fact.decidedBy().username()).isEqualTo("bob");
    assertThat(kafka.collect("slipway.dlq", r -> r.value().contains(id), Duration.ofSeconds(1)))
        .isEmpty();
  }

  private void publishDecision(
      String approvalId,
      String environment,
      String user,
      String marker,
      PrivateKey key,
      String source,
      String time) {
    publishDecision(
        approvalId, environment, user, marker, key, source, time, UUID.randomUUID().toString());
  }

  private void publishDecision(
      String approvalId,
      String environment,
      String user,
      String marker,
      PrivateKey key,
      String source,
      String time,
      String id) {
    String type = EventCatalog.APPROVAL_DECISION_SUBMITTED.ceType();
    String data =
        EventJson.write(
            new ApprovalDecisionSubmitted(
                approvalId,
                "payments",
                environment,
                ApprovalDecisionSubmitted.Decision.APPROVE,
                user,
                marker,
                Instant.now()));
    kafka.publish(
        "slipway.approval",
        "payments/production",
        data,
        Map.of(
            "ce_id", id,
            "ce_type", type,
            "ce_source", source,
            "ce_time", time,
            "ce_slipwaysig", EventSignatures.sign(key, id, source, type, time, data)));
  }

  private static PrivateKey privateKey(String pkcs8) throws Exception {
    return KeyFactory.getInstance("Ed25519")
        .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pkcs8)));
  }

  private static io.restassured.response.Response chat(
      String body, String timestamp, String signature) {
    return given()
        .contentType("application/x-www-form-urlencoded")
        .header("X-Slack-Request-Timestamp", timestamp)
        .header("X-Slack-Signature", signature)
        .body(body)
        .post("/api/v1/webhooks/chat");
  }

  private static String sign(String timestamp, String body) {
    return "v0="
        + HexFormat.of()
            .formatHex(
                ChatSignatures.sign(
                    "it-chat-signing-secret", timestamp, body.getBytes(StandardCharsets.UTF_8)));
  }
}
