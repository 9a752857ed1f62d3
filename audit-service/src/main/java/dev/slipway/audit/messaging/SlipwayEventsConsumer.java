package dev.slipway.audit.messaging;

import dev.slipway.audit.domain.ReceivedEvent;
import dev.slipway.audit.service.AuditLog;
import dev.slipway.events.EventJson;
import dev.slipway.kit.inbox.EventHandling;
import dev.slipway.kit.inbox.IncomingEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Feeds every CloudEvent of the {@code slipway.*} topics into the audit log, a Kafka poll's batch
 * at a time: one transaction per batch is what makes ingest fast (issue 9). Records that are not
 * CloudEvents go to the dead-letter topic with the reason and the rest of the batch is stored. When
 * the batch as a whole fails for another reason than a dependency being down, its records are
 * stored one by one through the kit's {@link EventHandling}, so only the record at fault is
 * dead-lettered.
 */
@ApplicationScoped
public class SlipwayEventsConsumer {

  private static final Logger LOG = Logger.getLogger(SlipwayEventsConsumer.class);

  private final AuditLog auditLog;
  private final AuditRecordPublisher publisher;

  public SlipwayEventsConsumer(AuditLog auditLog, AuditRecordPublisher publisher) {
    this.auditLog = auditLog;
    this.publisher = publisher;
  }

  @Incoming("slipway-events")
  public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
    List<KafkaRecord<String, String>> records = new ArrayList<>();
    List<ReceivedEvent> events = new ArrayList<>();
    List<Uni<Void>> deadLetters = new ArrayList<>();
    for (KafkaRecord<String, String> record : batch.getRecords()) {
      try {
        events.add(received(record, IncomingEvent.of(record)));
        records.add(record);
      } catch (EventJson.InvalidEventException poison) {
        LOG.errorf("dead-lettering a record: %s", poison.getMessage());
        deadLetters.add(Uni.createFrom().completionStage(record.nack(poison)));
      }
    }
    return all(deadLetters)
        .chain(() -> storeAll(records, events))
        .invoke(publisher::wake)
        .chain(() -> Uni.createFrom().completionStage(batch.ack()));
  }

  private Uni<Void> storeAll(
      List<KafkaRecord<String, String>> records, List<ReceivedEvent> events) {
    return Uni.createFrom()
        .deferred(() -> auditLog.recordAll(events))
        .onFailure(EventHandling::isTransient)
        .invoke(f -> LOG.warnf("audit: the database failed, retrying the batch: %s", f.toString()))
        .onFailure(EventHandling::isTransient)
        .retry()
        .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10))
        .indefinitely()
        .replaceWithVoid()
        .onFailure()
        .recoverWithUni(
            failure -> {
              LOG.warnf(
                  "audit: a batch of %d failed, storing one by one: %s", events.size(), failure);
              return oneByOne(records, events);
            });
  }

  private Uni<Void> oneByOne(
      List<KafkaRecord<String, String>> records, List<ReceivedEvent> events) {
    return Multi.createFrom()
        .range(0, records.size())
        .onItem()
        .transformToUniAndConcatenate(
            i ->
                EventHandling.handle(
                    records.get(i),
                    event -> auditLog.recordAll(List.of(events.get(i))).replaceWithVoid()))
        .collect()
        .last()
        .replaceWithVoid();
  }

  private static Uni<Void> all(List<Uni<Void>> unis) {
    return unis.isEmpty()
        ? Uni.createFrom().voidItem()
        : Uni.join().all(unis).andCollectFailures().replaceWithVoid();
  }

  private static ReceivedEvent received(Message<String> message, IncomingEvent event) {
    Optional<IncomingCloudEventMetadata<?>> cloudEvent =
        message
            .getMetadata(IncomingCloudEventMetadata.class)
            .map(m -> (IncomingCloudEventMetadata<?>) m);
    String source =
        cloudEvent.map(IncomingCloudEventMetadata::getSource).map(URI::toString).orElse(null);
    Instant time =
        cloudEvent
            .flatMap(IncomingCloudEventMetadata::getTimeStamp)
            .map(ZonedDateTime::toInstant)
            .or(
                () ->
                    message
                        .getMetadata(IncomingKafkaRecordMetadata.class)
                        .map(IncomingKafkaRecordMetadata::getTimestamp))
            .orElse(null);
    return new ReceivedEvent(
        event.id(), event.type(), source, event.subject(), event.payload(), time);
  }
}
