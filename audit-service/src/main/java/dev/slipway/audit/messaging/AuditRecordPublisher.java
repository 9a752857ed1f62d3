package dev.slipway.audit.messaging;

import dev.slipway.events.AuditRecorded;
import dev.slipway.events.EventCatalog;
import dev.slipway.events.EventJson;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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
 * Republishes every record of the log on {@code slipway.audit} as {@code AuditRecorded}, in chain
 * order, at least once.
 *
 * <p>The log is its own outbox (ADR 0021): it is append-only and its appends commit in seq order
 * (they hold the chain lock until commit), so "every record after the last seq published" is
 * exactly what is left to publish. One row, {@code audit_publication.last_seq}, moves forward after
 * Kafka acknowledged a batch; a crash in between publishes that batch again with the same
 * CloudEvents ids (derived from each record's hash), which subscribers drop. A transaction-scoped
 * advisory lock lets one replica publish at a time. This replaces an outbox row per record, which
 * doubled what every append wrote and was then updated once published.
 */
@ApplicationScoped
public class AuditRecordPublisher {

  private static final Logger LOG = Logger.getLogger(AuditRecordPublisher.class);

  /** Distinct from the chain's, the checkpoints' and the outbox relay's locks. */
  private static final long PUBLISH_LOCK = 0x5117_A0D3L;

  private static final int BATCH = 2000;
  private static final String SOURCE = "/slipway/audit-service";

  private final Pool pool;
  private final MutinyEmitter<String> emitter;
  private final Vertx vertx;
  private final Duration pollInterval;
  private final boolean enabled;
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicBoolean again = new AtomicBoolean();
  private volatile boolean stopped;
  private long timer = -1;

  public AuditRecordPublisher(
      Pool pool,
      // The kit's outbox relay injects this channel with the same settings: one emitter.
      @Channel("slipway-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
          MutinyEmitter<String> emitter,
      Vertx vertx,
      @ConfigProperty(name = "slipway.outbox.poll-interval", defaultValue = "2s")
          Duration pollInterval,
      @ConfigProperty(name = "slipway.outbox.relay-enabled", defaultValue = "true")
          boolean enabled) {
    this.pool = pool;
    this.emitter = emitter;
    this.vertx = vertx;
    this.pollInterval = pollInterval;
    this.enabled = enabled;
  }

  void start(@Observes StartupEvent event) {
    if (!enabled) {
      return;
    }
    stopped = false;
    timer = vertx.setPeriodic(pollInterval.toMillis(), id -> wake());
    wake();
  }

  void stop(@Observes ShutdownEvent event) {
    stopped = true;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  /** Publishes what is committed; called after each append, concurrent calls coalesce. */
  public void wake() {
    if (stopped || !enabled) {
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
              // Kafka or PostgreSQL is down: the cursor stays, the next poll retries.
              LOG.warnf("audit: publishing records failed, will retry: %s", failure.toString());
            });
  }

  /** One round: lock, read the records after the cursor, publish, move the cursor. */
  Uni<Integer> drain() {
    return pool.withTransaction(
        conn ->
            conn.preparedQuery("select pg_try_advisory_xact_lock($1)")
                .execute(Tuple.of(PUBLISH_LOCK))
                .chain(
                    lock ->
                        lock.iterator().next().getBoolean(0)
                            ? publishBatch(conn)
                            : Uni.createFrom().item(0)));
  }

  private Uni<Integer> publishBatch(SqlConnection conn) {
    return conn.query("select last_seq from audit_publication")
        .execute()
        .chain(
            cursor ->
                conn.preparedQuery(
                        "select seq, event_id, ce_type, source, subject, team, environment, app,"
                            + " operation_id, actor, occurred_at, recorded_at, prev_hash, hash"
                            + " from audit_record where seq > $1 order by seq limit $2")
                    .execute(Tuple.of(cursor.iterator().next().getLong(0), BATCH)))
        .chain(
            rows -> {
              if (rows.size() == 0) {
                return Uni.createFrom().item(0);
              }
              List<Uni<Void>> sends = new ArrayList<>(rows.size());
              long last = 0;
              for (Row row : rows) {
                sends.add(emitter.sendMessage(message(row)));
                last = row.getLong("seq");
              }
              long lastSeq = last;
              // In order on one idempotent producer, one key: the partition keeps chain order.
              return Uni.join()
                  .all(sends)
                  .andFailFast()
                  .chain(
                      () ->
                          conn.preparedQuery("update audit_publication set last_seq = $1")
                              .execute(Tuple.of(lastSeq)))
                  .replaceWith(rows.size());
            });
  }

  private static Message<String> message(Row row) {
    var recordedAt = row.getOffsetDateTime("recorded_at");
    String team = row.getString("team");
    var event =
        new AuditRecorded(
            row.getLong("seq"),
            row.getString("event_id"),
            row.getString("ce_type"),
            row.getString("source"),
            row.getString("subject"),
            team == null ? "" : team,
            row.getString("environment"),
            row.getString("app"),
            row.getString("operation_id"),
            row.getString("actor"),
            row.getOffsetDateTime("occurred_at").toInstant(),
            recordedAt.toInstant(),
            row.getString("prev_hash"),
            row.getString("hash"));
    var type = EventCatalog.AUDIT_RECORDED;
    var kafka =
        OutgoingKafkaRecordMetadata.<String>builder()
            .withTopic(type.topic())
            .withKey(AuditRecorded.KEY)
            .build();
    var cloudEvent =
        OutgoingCloudEventMetadata.builder()
            // The same record always goes out with the same id: a republished batch is dropped.
            .withId(
                UUID.nameUUIDFromBytes(event.hash().getBytes(StandardCharsets.UTF_8)).toString())
            .withType(type.ceType())
            .withSource(URI.create(SOURCE))
            .withSubject(AuditRecorded.KEY)
            .withDataContentType("application/json")
            .withTimestamp(recordedAt.withOffsetSameInstant(ZoneOffset.UTC).toZonedDateTime())
            .build();
    return Message.of(EventJson.write(event)).addMetadata(kafka).addMetadata(cloudEvent);
  }
}
