package dev.slipway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slipway.audit.domain.ReceivedEvent;
import dev.slipway.audit.service.AuditLog;
import dev.slipway.events.EventCatalog;
import dev.slipway.events.Topics;
import dev.slipway.testkit.quarkus.SlipwayInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** Ingest a Kafka poll at a time: idempotent under redelivery, poison set aside, chain intact. */
@QuarkusTest
@QuarkusTestResource(
    value = SlipwayInfrastructure.class,
    restrictToAnnotatedClass = false,
    initArgs = @ResourceArg(name = "database", value = "audit"))
class AuditBatchIngestIT {

  private static final Duration STORED = Duration.ofSeconds(90);
  private static final String SUBJECT = "payments/dev/hello";

  @Inject AuditLog auditLog;

  @Test
  void aBatchDeliveredTwiceIsStoredOnceAndTheChainStillVerifies() {
    String operationId = UUID.randomUUID().toString();
    List<ProducerRecord<String, String>> batch = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String id = UUID.randomUUID().toString();
      ids.add(id);
      batch.add(deployRequested(id, operationId));
    }
    // A duplicate inside the batch too.
    batch.add(batch.get(3));

    CloudEvents.sendAll(batch);
    CloudEvents.sendAll(batch);
    // Same key, same partition: once the marker is stored, both copies were handled.
    String marker = UUID.randomUUID().toString();
    CloudEvents.sendAll(List.of(deployRequested(marker, operationId)));
    await().atMost(STORED).until(() -> trailIds(operationId).contains(marker));

    List<String> expected = new ArrayList<>(ids);
    expected.add(marker);
    assertThat(trailIds(operationId)).containsExactlyElementsOf(expected);
    assertVerifies();
  }

  @Test
  void overlappingBatchesAppendedAtTheSameTimeFormOneChainWithEachEventOnce() throws Exception {
    String operationId = UUID.randomUUID().toString();
    List<ReceivedEvent> events = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      events.add(
          new ReceivedEvent(
              UUID.randomUUID().toString(),
              EventCatalog.DEPLOY_REQUESTED.ceType(),
              "/tests/audit-service",
              SUBJECT,
              CloudEvents.example(EventCatalog.DEPLOY_REQUESTED, operationId).toString(),
              Instant.now()));
    }
    // Two replicas (or a rebalance) handing the log overlapping batches at once.
    var first = auditLog.recordAll(events.subList(0, 200)).subscribeAsCompletionStage();
    var second = auditLog.recordAll(events.subList(100, 300)).subscribeAsCompletionStage();
    int appended = first.get(60, TimeUnit.SECONDS) + second.get(60, TimeUnit.SECONDS);

    assertThat(appended).isEqualTo(300);
    assertThat(auditLog.recordAll(events).await().atMost(Duration.ofSeconds(60))).isZero();
    assertThat(trailIds(operationId))
        .containsExactlyInAnyOrderElementsOf(events.stream().map(ReceivedEvent::id).toList());
    assertVerifies();
  }

  @Test
  void poisonInABatchIsDeadLetteredWithItsReasonAndTheRestOfTheBatchIsStored() {
    String operationId = UUID.randomUUID().toString();
    String notACloudEvent = "not a cloud event " + UUID.randomUUID();
    // Valid JSON that PostgreSQL's jsonb refuses (\u0000): only the database finds it out.
    String unstorable = "{\"operationId\":\"" + operationId + "\",\"note\":\"\\u0000\"}";
    List<ProducerRecord<String, String>> batch = new ArrayList<>();
    List<String> good = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      if (i == 5) {
        batch.add(new ProducerRecord<>(Topics.DEPLOY, SUBJECT, notACloudEvent));
      }
      if (i == 10) {
        batch.add(
            CloudEvents.record(
                Topics.DEPLOY,
                UUID.randomUUID().toString(),
                EventCatalog.DEPLOY_REQUESTED.ceType(),
                SUBJECT,
                unstorable,
                Instant.now()));
      }
      String id = UUID.randomUUID().toString();
      good.add(id);
      batch.add(deployRequested(id, operationId));
    }

    CloudEvents.sendAll(batch);

    await().atMost(STORED).until(() -> trailIds(operationId).size() == good.size());
    assertThat(trailIds(operationId)).containsExactlyElementsOf(good);
    assertThat(reason(notACloudEvent)).contains("not a CloudEvent");
    assertThat(reason(unstorable)).isNotBlank();
    assertVerifies();
  }

  private static ProducerRecord<String, String> deployRequested(String id, String operationId) {
    return CloudEvents.record(
        Topics.DEPLOY,
        id,
        EventCatalog.DEPLOY_REQUESTED.ceType(),
        SUBJECT,
        CloudEvents.example(EventCatalog.DEPLOY_REQUESTED, operationId).toString(),
        Instant.now());
  }

  private static String reason(String deadLetterValue) {
    return new String(DeadLetters.reasonOf(deadLetterValue).value(), StandardCharsets.UTF_8);
  }

  private static List<String> trailIds(String operationId) {
    return Api.search(Api.ADMIN, Map.of("operationId", operationId, "limit", 1000))
        .getList("items.eventId");
  }

  private static void assertVerifies() {
    var verify =
        Api.as(Api.ADMIN).get("/api/v1/audit/verify").then().statusCode(200).extract().jsonPath();
    assertThat(verify.getBoolean("ok")).as(verify.prettify()).isTrue();
  }
}
