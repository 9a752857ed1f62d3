package dev.slipway.kit.inbox;

import dev.slipway.events.EventJson;
import dev.slipway.events.EventType;
import dev.slipway.events.SlipwayEvent;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import org.eclipse.microprofile.reactive.messaging.Message;

/** A CloudEvent read from Kafka: its id and type, and the payload still as text. */
public record IncomingEvent(String id, String type, String subject, String payload) {

  /**
   * @throws EventJson.InvalidEventException when the record is not a CloudEvent: a poison message
   */
  public static IncomingEvent of(Message<String> message) {
    IncomingCloudEventMetadata<?> metadata =
        message
            .getMetadata(IncomingCloudEventMetadata.class)
            .<IncomingCloudEventMetadata<?>>map(m -> m)
            .orElseThrow(
                () ->
                    new EventJson.InvalidEventException(
                        "the record is not a CloudEvent (no ce_id)"));
    if (message.getPayload() == null) {
      throw new EventJson.InvalidEventException(
          "the CloudEvent " + metadata.getId() + " has no data");
    }
    return new IncomingEvent(
        metadata.getId(),
        metadata.getType(),
        metadata.getSubject().orElse(null),
        message.getPayload());
  }

  public boolean is(EventType<?> eventType) {
    return eventType.ceType().equals(type);
  }

  /** Reads the payload as the given type; a payload that violates its schema is poison. */
  public <T extends SlipwayEvent> T as(EventType<T> eventType) {
    return EventJson.read(eventType, payload);
  }
}
