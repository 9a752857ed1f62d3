package dev.slipway.audit.messaging;

import dev.slipway.audit.domain.ReceivedEvent;
import dev.slipway.audit.service.AuditLog;
import dev.slipway.kit.inbox.EventHandling;
import dev.slipway.kit.inbox.IncomingEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Feeds every CloudEvent of the {@code slipway.*} topics into the audit log. Records that are not
 * CloudEvents go to the dead-letter topic through the kit's {@link EventHandling}; everything else
 * is stored, whether its type is known or not.
 */
@ApplicationScoped
public class SlipwayEventsConsumer {

  private final AuditLog auditLog;

  public SlipwayEventsConsumer(AuditLog auditLog) {
    this.auditLog = auditLog;
  }

  @Incoming("slipway-events")
  public Uni<Void> consume(Message<String> message) {
    return EventHandling.handle(message, event -> auditLog.record(received(message, event)));
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
