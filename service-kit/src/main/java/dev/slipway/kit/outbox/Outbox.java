package dev.slipway.kit.outbox;

import dev.slipway.events.EventCatalog;
import dev.slipway.events.EventJson;
import dev.slipway.events.SlipwayEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Appends events to the outbox. Call it inside the transaction that makes the change: both commit
 * or neither does, and {@link OutboxRelay} publishes what committed.
 */
@ApplicationScoped
public class Outbox {

  private final String source;

  public Outbox(@ConfigProperty(name = "quarkus.application.name") String applicationName) {
    this.source = "/slipway/" + applicationName;
  }

  /** Returns the CloudEvents id the event will carry. */
  public Uni<UUID> append(SlipwayEvent event) {
    var type = EventCatalog.of(event);
    var row = new OutboxEvent();
    row.id = UUID.randomUUID();
    row.topic = type.topic();
    row.recordKey = event.aggregateId();
    row.ceType = type.ceType();
    row.ceSource = source;
    row.ceSubject = event.aggregateId();
    row.payload = EventJson.write(event);
    row.createdAt = Instant.now();
    return row.<OutboxEvent>persist().replaceWith(row.id);
  }
}
