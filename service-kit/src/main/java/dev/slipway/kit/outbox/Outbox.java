package dev.slipway.kit.outbox;

import dev.slipway.events.EventCatalog;
import dev.slipway.events.EventJson;
import dev.slipway.events.SlipwayEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
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

  /**
   * Appends many events with one statement, in list order, on {@code connection}: for services that
   * write their change with the reactive SQL client rather than Hibernate. Call it on the
   * connection of the change's transaction.
   */
  public Uni<Void> appendAll(SqlClient connection, List<? extends SlipwayEvent> events) {
    if (events.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    int n = events.size();
    UUID[] ids = new UUID[n];
    String[] topics = new String[n];
    String[] keys = new String[n];
    String[] types = new String[n];
    String[] payloads = new String[n];
    for (int i = 0; i < n; i++) {
      SlipwayEvent event = events.get(i);
      var type = EventCatalog.of(event);
      ids[i] = UUID.randomUUID();
      topics[i] = type.topic();
      keys[i] = event.aggregateId();
      types[i] = type.ceType();
      payloads[i] = EventJson.write(event);
    }
    OffsetDateTime now = Instant.now().atOffset(ZoneOffset.UTC);
    // with ordinality + order by: seq (the relay's publishing order) follows the list.
    return connection
        .preparedQuery(
            "insert into outbox_event (id, topic, record_key, ce_type, ce_source, ce_subject,"
                + " payload, created_at) select id, topic, record_key, ce_type, $5, record_key,"
                + " payload, $6 from unnest($1::uuid[], $2::text[], $3::text[], $4::text[],"
                + " $7::text[]) with ordinality as e(id, topic, record_key, ce_type, payload, n)"
                + " order by n")
        .execute(Tuple.tuple(List.of(ids, topics, keys, types, source, now, payloads)))
        .replaceWithVoid();
  }
}
