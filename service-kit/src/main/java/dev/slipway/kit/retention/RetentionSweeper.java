package dev.slipway.kit.retention;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Keeps bookkeeping tables from growing for ever. Published outbox rows are only kept to be looked
 * at (a day by default). Processed event ids must outlive every redelivery: Kafka keeps a record 7
 * days by default, so they are kept 14. A service adds its own tables ({@link RetainedTable}
 * producers, e.g. Idempotency-Keys). Every replica sweeps; the deletes are idempotent and go in
 * batches, so no delete holds many row locks at once.
 */
@ApplicationScoped
public class RetentionSweeper {

  private static final Logger LOG = Logger.getLogger(RetentionSweeper.class);
  static final int BATCH = 5_000;

  private final Pool pool;
  private final Vertx vertx;
  private final List<RetainedTable> tables = new ArrayList<>();
  private final Duration interval;
  private long timer = -1;

  public RetentionSweeper(
      Pool pool,
      Vertx vertx,
      Instance<RetainedTable> serviceTables,
      @ConfigProperty(name = "slipway.outbox.retention", defaultValue = "P1D") Duration outbox,
      @ConfigProperty(name = "slipway.inbox.retention", defaultValue = "P14D") Duration inbox,
      @ConfigProperty(name = "slipway.retention.interval", defaultValue = "1h") Duration interval) {
    this.pool = pool;
    this.vertx = vertx;
    this.interval = interval;
    tables.add(new RetainedTable("outbox_event", "published_at", outbox));
    tables.add(new RetainedTable("processed_event", "processed_at", inbox));
    serviceTables.forEach(tables::add);
  }

  void start(@Observes StartupEvent event) {
    timer =
        vertx.setPeriodic(
            interval.toMillis(),
            id ->
                sweep()
                    .subscribe()
                    .with(
                        n -> LOG.debugf("retention: deleted %d rows past their time", n),
                        failure ->
                            LOG.warnf(
                                "retention sweep failed, the next one retries: %s", failure)));
  }

  void stop(@Observes ShutdownEvent event) {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  /** Deletes every row past its table's retention; answers how many. */
  public Uni<Integer> sweep() {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    return Multi.createFrom()
        .iterable(tables)
        .onItem()
        .transformToUniAndConcatenate(t -> drain(t, now.minus(t.keep()), 0))
        .collect()
        .with(java.util.stream.Collectors.summingInt(Integer::intValue));
  }

  private Uni<Integer> drain(RetainedTable t, OffsetDateTime before, int sofar) {
    // Names come from code, never from a request.
    String delete =
        "delete from "
            + t.table()
            + " where ctid in (select ctid from "
            + t.table()
            + " where "
            + t.column()
            + " < $1 limit "
            + BATCH
            + ")";
    return pool.preparedQuery(delete)
        .execute(Tuple.of(before))
        .chain(
            rows -> {
              int total = sofar + rows.rowCount();
              return rows.rowCount() == BATCH
                  ? drain(t, before, total)
                  : Uni.createFrom().item(total);
            });
  }
}
