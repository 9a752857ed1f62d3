package dev.slipway.kit.outbox;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Publishes committed outbox rows to Kafka, in commit order, and marks them published.
 *
 * <p>At-least-once: a crash after the broker acknowledged but before the rows were marked publishes
 * them again on restart; consumers drop the duplicate by its CloudEvents id. A transaction-scoped
 * advisory lock makes one replica relay at a time, which keeps the order of each key when several
 * replicas run. PostgreSQL NOTIFY (see the kit's migration) wakes the relay at commit; a slow poll
 * covers a missed notification.
 */
@ApplicationScoped
public class OutboxRelay {

  private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
  private static final long RELAY_LOCK = 0x5117_3A7L;
  private static final int BATCH = 500;

  private final Pool pool;
  private final MutinyEmitter<String> emitter;
  private final Vertx vertx;
  private final Duration pollInterval;
  private final boolean enabled;
  private final String reactiveUrl;
  private final String username;
  private final String password;
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicBoolean again = new AtomicBoolean();
  private volatile boolean stopped;
  private PgSubscriber subscriber;
  private long timer = -1;

  public OutboxRelay(
      Pool pool,
      @Channel("slipway-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
          MutinyEmitter<String> emitter,
      Vertx vertx,
      @ConfigProperty(name = "slipway.outbox.poll-interval", defaultValue = "2s")
          Duration pollInterval,
      @ConfigProperty(name = "slipway.outbox.relay-enabled", defaultValue = "true") boolean enabled,
      @ConfigProperty(name = "quarkus.datasource.reactive.url") String reactiveUrl,
      @ConfigProperty(name = "quarkus.datasource.username") String username,
      @ConfigProperty(name = "quarkus.datasource.password") String password) {
    this.pool = pool;
    this.emitter = emitter;
    this.vertx = vertx;
    this.pollInterval = pollInterval;
    this.enabled = enabled;
    this.reactiveUrl = reactiveUrl;
    this.username = username;
    this.password = password;
  }

  void start(@Observes StartupEvent event) {
    if (!enabled) {
      LOG.info("outbox relay disabled (slipway.outbox.relay-enabled=false)");
      return;
    }
    stopped = false;
    listenForCommits();
    timer = vertx.setPeriodic(pollInterval.toMillis(), id -> wake());
    wake();
  }

  void stop(@Observes ShutdownEvent event) {
    stopped = true;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    if (subscriber != null) {
      subscriber.closeAndForget();
    }
  }

  /** Publishes everything committed so far; concurrent wake-ups coalesce into one more round. */
  public void wake() {
    if (stopped) {
      return;
    }
    if (!running.compareAndSet(false, true)) {
      again.set(true);
      return;
    }
    again.set(false);
    drain()
        .subscribe()
        .with(
            published -> {
              running.set(false);
              if (published == BATCH || again.get()) {
                wake();
              }
            },
            failure -> {
              running.set(false);
              // Kafka or PostgreSQL is down: rows stay unpublished and the next poll retries.
              LOG.warnf("outbox relay round failed, will retry: %s", failure.toString());
            });
  }

  /**
   * One round: lock, read a batch in commit order, publish, mark. Answers how many it published.
   */
  public Uni<Integer> drain() {
    return pool.withTransaction(
        conn ->
            conn.query("select pg_try_advisory_xact_lock(" + RELAY_LOCK + ")")
                .execute()
                .chain(
                    lock ->
                        lock.iterator().next().getBoolean(0)
                            ? publishBatch(conn)
                            : Uni.createFrom().item(0)));
  }

  private Uni<Integer> publishBatch(SqlConnection conn) {
    return conn.preparedQuery(
            "select id, topic, record_key, ce_type, ce_source, ce_subject, payload, traceparent,"
                + " created_at from outbox_event where published_at is null order by seq limit $1")
        .execute(Tuple.of(BATCH))
        .chain(
            rows -> {
              List<UUID> ids = new ArrayList<>();
              List<Uni<Void>> sends = new ArrayList<>();
              for (Row row : rows) {
                ids.add(row.getUUID("id"));
                sends.add(emitter.sendMessage(toMessage(row)));
              }
              if (ids.isEmpty()) {
                return Uni.createFrom().item(0);
              }
              // Sent in order on one idempotent producer: per-partition order is kept.
              return Uni.join()
                  .all(sends)
                  .andFailFast()
                  .chain(
                      () ->
                          conn.preparedQuery(
                                  "update outbox_event set published_at = now() where id = any($1)")
                              .execute(Tuple.of(ids.toArray(UUID[]::new))))
                  .replaceWith(ids.size());
            });
  }

  private static Message<String> toMessage(Row row) {
    var kafka =
        OutgoingKafkaRecordMetadata.<String>builder()
            .withTopic(row.getString("topic"))
            .withKey(row.getString("record_key"))
            .build();
    var cloudEvent =
        OutgoingCloudEventMetadata.builder()
            .withId(row.getUUID("id").toString())
            .withType(row.getString("ce_type"))
            .withSource(URI.create(row.getString("ce_source")))
            .withSubject(row.getString("ce_subject"))
            .withDataContentType("application/json")
            .withTimestamp(
                row.getOffsetDateTime("created_at")
                    .withOffsetSameInstant(ZoneOffset.UTC)
                    .toZonedDateTime())
            .build();
    return Message.of(row.getString("payload")).addMetadata(kafka).addMetadata(cloudEvent);
  }

  private void listenForCommits() {
    var options =
        PgConnectOptions.fromUri(reactiveUrl.replaceFirst("^vertx-reactive:", ""))
            .setUser(username)
            .setPassword(password);
    subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> 1000L);
    subscriber.channel("slipway_outbox").handler(payload -> wake());
    subscriber
        .connect()
        .subscribe()
        .with(
            ok -> LOG.debug("outbox relay listening for commits"),
            failure ->
                LOG.warnf(
                    "cannot LISTEN for outbox commits, polling only: %s", failure.toString()));
  }
}
