package dev.slipway.kit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.events.EnvironmentRequested;
import dev.slipway.events.EventCatalog;
import dev.slipway.events.EventJson;
import dev.slipway.kit.inbox.Inbox;
import dev.slipway.kit.outbox.Outbox;
import dev.slipway.kit.outbox.OutboxRelay;
import dev.slipway.kit.retention.RetentionSweeper;
import dev.slipway.testkit.kafka.CloudEventRecords;
import dev.slipway.testkit.quarkus.SlipwayInfrastructure;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Nothing lost, nothing twice: the outbox and inbox over real PostgreSQL and Kafka. */
@QuarkusTest
@QuarkusTestResource(
    value = SlipwayInfrastructure.class,
    restrictToAnnotatedClass = false,
    initArgs = @ResourceArg(name = "database", value = "kit"))
class OutboxAndInboxIT {

  @Inject Outbox outbox;
  @Inject OutboxRelay relay;
  @Inject Inbox inbox;
  @Inject Pool pool;
  @Inject RetentionSweeper retention;

  private final CloudEventRecords kafka = CloudEventRecords.onSharedBroker();

  @Test
  void aCrashBetweenCommitAndPublishPublishesOnceAfterRestart() throws Throwable {
    var event = event();
    // The change commits with its outbox row; the relay is "down", so nothing is published.
    UUID id = onVertx(() -> Panache.withTransaction(() -> outbox.append(event)));
    assertThat(published(id, Duration.ofSeconds(2))).isZero();
    // "Restart": the relay finds the committed row and publishes it, once however often it runs.
    onVertx(() -> relay.drain());
    onVertx(() -> relay.drain());
    assertThat(published(id, Duration.ofSeconds(3))).isEqualTo(1);
  }

  @Test
  void aCrashAfterPublishBeforeMarkingRepublishesAndTheConsumerAppliesOnce() throws Throwable {
    UUID id = onVertx(() -> Panache.withTransaction(() -> outbox.append(event())));
    onVertx(() -> relay.drain());
    // The broker acknowledged, but the mark did not commit: on restart the row goes out again.
    onVertx(
        () ->
            pool.preparedQuery("update outbox_event set published_at = null where id = $1")
                .execute(Tuple.of(id)));
    onVertx(() -> relay.drain());
    assertThat(published(id, Duration.ofSeconds(3))).isEqualTo(2);
    // Each delivery reaches the consumer; the inbox lets the effect happen once.
    AtomicInteger effects = new AtomicInteger();
    for (int delivery = 0; delivery < 2; delivery++) {
      onVertx(
          () ->
              inbox.once(
                  "kit-test",
                  id.toString(),
                  () -> Uni.createFrom().voidItem().invoke(effects::incrementAndGet)));
    }
    assertThat(effects).hasValue(1);
  }

  @Test
  void theSweepDeletesOnlyPublishedRowsAndProcessedIdsPastTheirRetention() throws Throwable {
    UUID old = onVertx(() -> Panache.withTransaction(() -> outbox.append(event())));
    UUID recent = onVertx(() -> Panache.withTransaction(() -> outbox.append(event())));
    UUID unpublished = onVertx(() -> Panache.withTransaction(() -> outbox.append(event())));
    onVertx(
        () ->
            pool.preparedQuery(
                    "update outbox_event set published_at = case id when $1 then now() - interval"
                        + " '2 days' else now() end where id = any($2)")
                .execute(Tuple.of(old, new UUID[] {old, recent})));
    onVertx(
        () ->
            pool.preparedQuery(
                    "update outbox_event set created_at = now() - interval '30 days' where id = $1")
                .execute(Tuple.of(unpublished)));
    String consumer = "prune-" + UUID.randomUUID();
    onVertx(
        () ->
            pool.preparedQuery(
                    "insert into processed_event (consumer, event_id, processed_at) values"
                        + " ($1, 'old', now() - interval '15 days'), ($1, 'recent', now() -"
                        + " interval '13 days')")
                .execute(Tuple.of(consumer)));

    onVertx(() -> retention.sweep());

    java.util.List<UUID> kept =
        onVertx(
            () ->
                pool.preparedQuery("select id from outbox_event where id = any($1)")
                    .execute(Tuple.of(new UUID[] {old, recent, unpublished}))
                    .map(rows -> rows.stream().map(r -> r.getUUID("id")).toList()));
    assertThat(kept).containsExactlyInAnyOrder(recent, unpublished);
    java.util.List<String> ids =
        onVertx(
            () ->
                pool.preparedQuery("select event_id from processed_event where consumer = $1")
                    .execute(Tuple.of(consumer))
                    .map(rows -> rows.stream().map(r -> r.getString("event_id")).toList()));
    assertThat(ids).containsExactly("recent");
  }

  @Test
  void aRolledBackChangePublishesNothing() throws Throwable {
    var event = event();
    onVertx(
        () ->
            Panache.withTransaction(
                    () ->
                        outbox
                            .append(event)
                            .chain(
                                v ->
                                    Uni.createFrom()
                                        .failure(
                                            new IllegalStateException("business rule failed"))))
                .onFailure()
                .recoverWithNull());
    onVertx(() -> relay.drain());
    assertThat(
            kafka.collect(
                "slipway.environment",
                r -> r.value().contains(event.operationId()),
                Duration.ofSeconds(2)))
        .isEmpty();
  }

  private static <T> T onVertx(java.util.function.Supplier<Uni<T>> work) throws Throwable {
    return VertxContextSupport.subscribeAndAwait(work);
  }

  private long published(UUID id, Duration window) {
    return kafka
        .collect(
            "slipway.environment",
            r -> CloudEventRecords.header(r, "ce_id").filter(id.toString()::equals).isPresent(),
            window)
        .size();
  }

  private static EnvironmentRequested event() {
    try (InputStream in =
        OutboxAndInboxIT.class.getResourceAsStream(
            EventCatalog.ENVIRONMENT_REQUESTED.exampleResource())) {
      var node = (com.fasterxml.jackson.databind.node.ObjectNode) EventJson.mapper().readTree(in);
      node.put("operationId", UUID.randomUUID().toString());
      return EventJson.read(EventCatalog.ENVIRONMENT_REQUESTED, node.toString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
