package dev.slipway.cost.persistence;

import dev.slipway.cost.domain.BillAllocation;
import dev.slipway.cost.domain.CostLine;
import dev.slipway.cost.domain.bill.BillTotals;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Imported cloud bills (per provider and day) and the list-priced figures they are reconciled with.
 * Imports publish no event, so they use the reactive SQL client's own transaction.
 */
@ApplicationScoped
public class BillStore {

  private final Pool pool;

  public BillStore(Pool pool) {
    this.pool = pool;
  }

  /** Replaces the provider's days that the file covers, all or nothing; answers the import id. */
  public Uni<Long> replace(String provider, BillTotals totals, String importedBy, Instant at) {
    List<BillTotals.Day> days = totals.days();
    return pool.withTransaction(
        conn ->
            conn.preparedQuery(
                    "insert into bill_import (provider, imported_at, imported_by, rows, first_day,"
                        + " last_day, currency) values ($1, $2, $3, $4, $5, $6, $7) returning id")
                .execute(
                    Tuple.tuple()
                        .addValue(provider)
                        .addValue(CostStore.utc(at))
                        .addValue(importedBy)
                        .addValue(totals.rows())
                        .addValue(days.isEmpty() ? null : days.get(0).day())
                        .addValue(days.isEmpty() ? null : days.get(days.size() - 1).day())
                        .addValue(totals.currency()))
                .map(rows -> rows.iterator().next().getLong(0))
                .call(id -> insertDays(conn, provider, days, totals.currency(), id)));
  }

  private static Uni<Void> insertDays(
      SqlConnection conn, String provider, List<BillTotals.Day> days, String currency, long id) {
    if (days.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    List<Tuple> batch = new ArrayList<>();
    for (BillTotals.Day d : days) {
      batch.add(Tuple.of(provider, d.day(), d.nodeAmount(), d.otherAmount(), currency, id));
    }
    return conn.preparedQuery(
            "insert into bill_daily (provider, day, node_amount, other_amount, currency, import_id)"
                + " values ($1, $2, $3, $4, $5, $6) on conflict (provider, day) do update set"
                + " node_amount = excluded.node_amount, other_amount = excluded.other_amount,"
                + " currency = excluded.currency, import_id = excluded.import_id")
        .executeBatch(batch)
        .replaceWithVoid();
  }

  /** A day of the bills, all providers together. */
  public record BilledDay(
      LocalDate day, BigDecimal nodeAmount, BigDecimal otherAmount, String currency) {}

  public Uni<List<BilledDay>> billedDays(LocalDate from, LocalDate to) {
    return pool.preparedQuery(
            "select day, sum(node_amount), sum(other_amount), min(currency) from bill_daily"
                + " where day >= $1 and day <= $2 group by day order by day")
        .execute(Tuple.of(from, to))
        .map(
            rows -> {
              List<BilledDay> days = new ArrayList<>();
              for (Row r : rows) {
                days.add(
                    new BilledDay(
                        r.getLocalDate(0), r.getBigDecimal(1), r.getBigDecimal(2), r.getString(3)));
              }
              return days;
            });
  }

  /** The list-priced figures of each day from..to: capacity (zero when unknown) and cost lines. */
  public Uni<Map<LocalDate, BillAllocation.ListDay>> listDays(LocalDate from, LocalDate to) {
    Uni<Map<LocalDate, BigDecimal>> capacity =
        pool.preparedQuery(
                "select day, capacity_amount from cluster_daily where day >= $1 and day <= $2")
            .execute(Tuple.of(from, to))
            .map(
                rows -> {
                  Map<LocalDate, BigDecimal> byDay = new LinkedHashMap<>();
                  rows.forEach(r -> byDay.put(r.getLocalDate(0), r.getBigDecimal(1)));
                  return byDay;
                });
    Uni<List<CostLine>> lines =
        pool.preparedQuery(
                "select team, environment, app, day, cpu_core_hours, memory_gib_hours, amount"
                    + " from cost_daily where day >= $1 and day <= $2"
                    + " order by day, team, environment, app")
            .execute(Tuple.of(from, to))
            .map(
                rows -> {
                  List<CostLine> list = new ArrayList<>();
                  rows.forEach(
                      r ->
                          list.add(
                              new CostLine(
                                  r.getString(0),
                                  r.getString(1),
                                  r.getString(2),
                                  r.getLocalDate(3),
                                  r.getBigDecimal(4),
                                  r.getBigDecimal(5),
                                  r.getBigDecimal(6))));
                  return list;
                });
    return Uni.combine()
        .all()
        .unis(capacity, lines)
        .asTuple()
        .map(
            t -> {
              Map<LocalDate, List<CostLine>> byDay = new LinkedHashMap<>();
              t.getItem2()
                  .forEach(l -> byDay.computeIfAbsent(l.day(), d -> new ArrayList<>()).add(l));
              Map<LocalDate, BillAllocation.ListDay> days = new LinkedHashMap<>();
              for (LocalDate day : t.getItem1().keySet()) {
                byDay.putIfAbsent(day, new ArrayList<>());
              }
              byDay.forEach(
                  (day, dayLines) ->
                      days.put(
                          day,
                          BillAllocation.ListDay.of(
                              day, t.getItem1().getOrDefault(day, BigDecimal.ZERO), dayLines)));
              return days;
            });
  }
}
