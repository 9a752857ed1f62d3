package dev.slipway.cost.persistence;

import dev.slipway.cost.config.CostConfig;
import dev.slipway.cost.domain.PriceList;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The price list in force at an instant: the latest row per resource an admin set, the configured
 * default for resources never set. Rows are only ever added, so past costs keep their prices.
 */
@ApplicationScoped
public class PriceStore {

  private final Pool pool;
  private final CostConfig config;

  public PriceStore(Pool pool, CostConfig config) {
    this.pool = pool;
    this.config = config;
  }

  /** The price list and when its newest row took effect (null: all from configuration). */
  public record Effective(PriceList prices, Instant since) {}

  public Uni<Effective> at(Instant at) {
    return pool.preparedQuery(
            "select distinct on (resource) resource, amount, currency, valid_from from price"
                + " where valid_from <= $1 order by resource, valid_from desc")
        .execute(Tuple.of(CostStore.utc(at)))
        .map(
            rows -> {
              Map<String, BigDecimal> amounts = new HashMap<>();
              String currency = null;
              Instant since = null;
              for (var row : rows) {
                amounts.put(row.getString("resource"), row.getBigDecimal("amount"));
                currency = row.getString("currency");
                Instant from = row.getOffsetDateTime("valid_from").toInstant();
                since = since == null || from.isAfter(since) ? from : since;
              }
              CostConfig.Prices d = config.prices();
              return new Effective(
                  new PriceList(
                      amounts.getOrDefault("vcpu", d.vcpuHour()),
                      amounts.getOrDefault("memory", d.gibHour()),
                      amounts.getOrDefault("storage", d.storageGibMonth()),
                      amounts.getOrDefault("namespace", d.namespaceMonth()),
                      currency != null ? currency : d.currency()),
                  since);
            });
  }

  /** Inside the caller's transaction: the whole list takes effect at {@code from}. */
  public Uni<Void> set(PriceList prices, Instant from, String setBy) {
    String sql =
        "insert into price (resource, unit, amount, currency, source, valid_from, set_by)"
            + " values (?1, ?2, ?3, ?4, 'admin', ?5, ?6) on conflict (resource, valid_from)"
            + " do update set amount = excluded.amount, currency = excluded.currency,"
            + " set_by = excluded.set_by";
    return CostStore.execute(
            sql, "vcpu", "vCPU-hour", prices.vcpuHour(), prices.currency(), from, setBy)
        .chain(
            () ->
                CostStore.execute(
                    sql, "memory", "GiB-hour", prices.gibHour(), prices.currency(), from, setBy))
        .chain(
            () ->
                CostStore.execute(
                    sql,
                    "storage",
                    "GiB-month",
                    prices.storageGibMonth(),
                    prices.currency(),
                    from,
                    setBy))
        .chain(
            () ->
                CostStore.execute(
                    sql,
                    "namespace",
                    "namespace-month",
                    prices.namespaceMonth(),
                    prices.currency(),
                    from,
                    setBy))
        .replaceWithVoid();
  }
}
