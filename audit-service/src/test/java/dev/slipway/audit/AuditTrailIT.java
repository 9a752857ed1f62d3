package dev.slipway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slipway.events.EventCatalog;
import dev.slipway.events.Topics;
import dev.slipway.testkit.quarkus.SlipwayInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(
    value = SlipwayInfrastructure.class,
    restrictToAnnotatedClass = false,
    initArgs = @ResourceArg(name = "database", value = "audit"))
class AuditTrailIT {

  private static final Duration STORED = Duration.ofSeconds(60);

  @Test
  void anOperationsTrailComesBackInOrderWithItsActor() {
    String operationId = UUID.randomUUID().toString();
    var requested = CloudEvents.example(EventCatalog.DEPLOY_REQUESTED, operationId);
    var completed = CloudEvents.example(EventCatalog.DEPLOY_COMPLETED, operationId);
    String requestedId = UUID.randomUUID().toString();
    CloudEvents.send(
        Topics.DEPLOY,
        requestedId,
        EventCatalog.DEPLOY_REQUESTED.ceType(),
        "payments/dev/hello",
        requested.toString(),
        Instant.parse("2026-11-25T10:00:00Z"));
    String completedId = UUID.randomUUID().toString();
    CloudEvents.send(
        Topics.DEPLOY,
        completedId,
        EventCatalog.DEPLOY_COMPLETED.ceType(),
        "payments/dev/hello",
        completed.toString(),
        Instant.parse("2026-11-25T10:00:01.250Z"));

    await().atMost(STORED).until(() -> Api.trail(Api.ALICE, operationId).size() == 2);

    List<Map<String, Object>> trail = Api.trail(Api.ALICE, operationId);
    assertThat(trail).extracting(r -> r.get("eventId")).containsExactly(requestedId, completedId);
    assertThat(trail)
        .extracting(r -> r.get("type"))
        .containsExactly(
            EventCatalog.DEPLOY_REQUESTED.ceType(), EventCatalog.DEPLOY_COMPLETED.ceType());
    var first = trail.get(0);
    assertThat(first)
        .containsEntry("team", "payments")
        .containsEntry("environment", "dev")
        .containsEntry("app", "hello")
        .containsEntry("actor", "alice")
        .containsEntry("source", "/tests/audit-service")
        .containsEntry("occurredAt", "2026-11-25T10:00:00Z");
    assertThat(first.get("payload")).isEqualTo(EventJsonAsMap.of(requested));
    // Each record links to the one stored before it.
    assertThat(trail.get(1).get("prevHash")).isEqualTo(first.get("hash"));
  }

  @Test
  void aTimeRangeSelectsByWhenTheEventOccurred() {
    String operationId = UUID.randomUUID().toString();
    String early = UUID.randomUUID().toString();
    String late = UUID.randomUUID().toString();
    CloudEvents.send(
        Topics.DEPLOY,
        early,
        EventCatalog.DEPLOY_REQUESTED.ceType(),
        "payments/dev/hello",
        CloudEvents.example(EventCatalog.DEPLOY_REQUESTED, operationId).toString(),
        Instant.parse("2026-11-25T10:00:00Z"));
    CloudEvents.send(
        Topics.DEPLOY,
        late,
        EventCatalog.DEPLOY_COMPLETED.ceType(),
        "payments/dev/hello",
        CloudEvents.example(EventCatalog.DEPLOY_COMPLETED, operationId).toString(),
        Instant.parse("2026-11-25T10:00:01.250Z"));
    await().atMost(STORED).until(() -> Api.trail(Api.ALICE, operationId).size() == 2);

    String between = "2026-11-25T10:00:01Z";
    assertThat(
            Api.search(Api.ALICE, Map.of("operationId", operationId, "until", between))
                .getList("items.eventId"))
        .containsExactly(early);
    assertThat(
            Api.search(Api.ALICE, Map.of("operationId", operationId, "since", between))
                .getList("items.eventId"))
        .containsExactly(late);
  }

  @Test
  void anActorFilterSelectsTheRecordsOfThatActorWithinTheCallersTeams() {
    String operationId = UUID.randomUUID().toString();
    String actor = "git:" + UUID.randomUUID();
    var byActor = CloudEvents.example(EventCatalog.DEPLOY_REQUESTED, operationId);
    ((com.fasterxml.jackson.databind.node.ObjectNode) byActor.get("requestedBy"))
        .put("username", actor);
    String theirs =
        CloudEvents.send(
            Topics.DEPLOY,
            EventCatalog.DEPLOY_REQUESTED.ceType(),
            "payments/dev/hello",
            byActor.toString());
    CloudEvents.send(
        Topics.DEPLOY,
        EventCatalog.DEPLOY_REQUESTED.ceType(),
        "payments/dev/hello",
        CloudEvents.example(EventCatalog.DEPLOY_REQUESTED, operationId).toString());
    await().atMost(STORED).until(() -> Api.trail(Api.ALICE, operationId).size() == 2);

    assertThat(Api.search(Api.ALICE, Map.of("actor", actor)).getList("items.eventId"))
        .containsExactly(theirs);
    assertThat(Api.search(Api.CAROL, Map.of("actor", actor)).getList("items")).isEmpty();
  }

  @Test
  void anEventDeliveredTwiceIsStoredOnce() {
    String operationId = UUID.randomUUID().toString();
    String data = CloudEvents.example(EventCatalog.DEPLOY_REQUESTED, operationId).toString();
    String id = UUID.randomUUID().toString();
    CloudEvents.send(
        Topics.DEPLOY, id, EventCatalog.DEPLOY_REQUESTED.ceType(), "payments/dev/hello", data);
    CloudEvents.send(
        Topics.DEPLOY, id, EventCatalog.DEPLOY_REQUESTED.ceType(), "payments/dev/hello", data);
    // Same key, same partition: once the marker is stored, both copies were handled.
    String marker =
        CloudEvents.send(
            Topics.DEPLOY,
            EventCatalog.DEPLOY_COMPLETED.ceType(),
            "payments/dev/hello",
            CloudEvents.example(EventCatalog.DEPLOY_COMPLETED, operationId).toString());

    await()
        .atMost(STORED)
        .until(
            () ->
                Api.trail(Api.ADMIN, operationId).stream()
                    .anyMatch(r -> marker.equals(r.get("eventId"))));

    assertThat(Api.trail(Api.ADMIN, operationId))
        .extracting(r -> r.get("eventId"))
        .containsExactly(id, marker);
  }

  @Test
  void aRecordThatIsNotACloudEventIsDeadLetteredAndLaterRecordsAreStored() {
    String poison = "not a cloud event " + UUID.randomUUID();
    CloudEvents.sendPlain(Topics.DEPLOY, "payments/dev/hello", poison);
    String operationId = UUID.randomUUID().toString();
    CloudEvents.send(
        Topics.DEPLOY,
        EventCatalog.DEPLOY_REQUESTED.ceType(),
        "payments/dev/hello",
        CloudEvents.example(EventCatalog.DEPLOY_REQUESTED, operationId).toString());

    await().atMost(STORED).until(() -> Api.trail(Api.ADMIN, operationId).size() == 1);
    Header reason = DeadLetters.reasonOf(poison);
    assertThat(new String(reason.value(), StandardCharsets.UTF_8)).contains("not a CloudEvent");
  }

  @Test
  void anEventOfAnUnknownTypeIsRecordedWhereItsSubjectSays() {
    String type = "com.example.unknown." + UUID.randomUUID().toString().substring(0, 8) + ".v1";
    String id = CloudEvents.send(Topics.APPROVAL, type, "payments/staging/checkout", "plain text");

    await()
        .atMost(STORED)
        .until(() -> !Api.search(Api.ALICE, Map.of("type", type)).getList("items").isEmpty());

    Map<String, Object> record =
        Api.search(Api.ALICE, Map.of("type", type)).<Map<String, Object>>getList("items").get(0);
    assertThat(record)
        .containsEntry("eventId", id)
        .containsEntry("team", "payments")
        .containsEntry("environment", "staging")
        .containsEntry("app", "checkout")
        .containsEntry("payload", "plain text");
  }

  @Test
  void pagesFollowTheCursorUntilTheLastOne() {
    String operationId = UUID.randomUUID().toString();
    for (int i = 0; i < 3; i++) {
      CloudEvents.send(
          Topics.DEPLOY,
          EventCatalog.DEPLOY_REQUESTED.ceType(),
          "payments/dev/hello",
          CloudEvents.example(EventCatalog.DEPLOY_REQUESTED, operationId).toString());
    }
    await().atMost(STORED).until(() -> Api.trail(Api.ALICE, operationId).size() == 3);

    var first = Api.search(Api.ALICE, Map.of("operationId", operationId, "limit", 2));
    assertThat(first.getList("items")).hasSize(2);
    String cursor = first.getString("nextCursor");
    assertThat(cursor).isNotNull();
    var second =
        Api.search(Api.ALICE, Map.of("operationId", operationId, "limit", 2, "cursor", cursor));
    assertThat(second.getList("items")).hasSize(1);
    assertThat(second.getString("nextCursor")).isNull();
  }

  @Test
  void aBadFilterAnswersProblemJsonWithEveryFieldError() {
    Api.as(Api.ALICE)
        .queryParam("since", "yesterday")
        .queryParam("limit", 0)
        .queryParam("cursor", "forged")
        .get("/api/v1/audit")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("since", "limit", "cursor"));
  }
}
