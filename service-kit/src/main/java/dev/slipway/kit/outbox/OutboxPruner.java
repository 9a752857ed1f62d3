package dev.slipway.kit.outbox;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Keeps the outbox and the inbox from growing for ever. Published outbox rows are only kept to be
 * looked at (a day by default). Processed event ids must outlive every redelivery: Kafka keeps a
 * record 7 days by default, so they are kept 14. Every replica prunes; the deletes are idempotent
 * and go in batches, so no delete holds many row locks at once.
 */
@ApplicationScoped
public class OutboxPruner {

  private static final Logger LOG = Logger.getLogger(OutboxPruner.class);
  static final int BATCH = 5_000;

  private final Pool pool;
  private final Vertx vertx;
  private final Duration outboxRetention;
  private final Duration inboxRetention;
  private final Duration interval;
  private long timer = -1;

  public OutboxPruner(
      Pool pool,
      Vertx vertx,
      @ConfigProperty(name = "slipway.outbox.retention", defaultValue = "P1D") Duration outbox,
      @ConfigProperty(name = "slipway.inbox.retention", defaultValue = "P14D") Duration inbox,
      @ConfigProperty(name = "slipway.outbox.prune-interval", defaultValue = "1h")
          Duration interval) {
    this.pool = pool;
    this.vertx = vertx;
    this.outboxRetention = outbox;
    this.inboxRetention = inbox;
    this.interval = interval;
  }

  void start(@Observes StartupEvent event) {
    timer =
        vertx.setPeriodic(
            interval.toMillis(),
            id ->
                prune()
                    .subscribe()
                    .with(
                        n -> LOG.debugf("pruned %d published outbox rows and processed ids", n),
                        failure -> LOG.warnf("pruning failed, the next run retries: %s", failure)));
  }

  void stop(@Observes ShutdownEvent event) {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  /** Deletes what is past its retention; answers how many rows. */
  public Uni<Integer> prune() {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    return drain(
            "delete from outbox_event where seq in (select seq from outbox_event"
                + " where published_at < $1 limit "
                + BATCH
                + ")",
            now.minus(outboxRetention),
            0)
        .chain(
            outbox ->
                drain(
                    "delete from processed_event where ctid in (select ctid from processed_event"
                        + " where processed_at < $1 limit "
                        + BATCH
                        + ")",
                    now.minus(inboxRetention),
                    outbox));
  }

  private Uni<Integer> drain(String delete, OffsetDateTime before, int sofar) {
    return pool.preparedQuery(delete)
        .execute(Tuple.of(before))
        .chain(
            rows -> {
              int total = sofar + rows.rowCount();
              return rows.rowCount() == BATCH
                  ? drain(delete, before, total)
                  : Uni.createFrom().item(total);
            });
  }
}
