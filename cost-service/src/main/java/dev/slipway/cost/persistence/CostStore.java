package dev.slipway.cost.persistence;

import dev.slipway.cost.domain.Capacity;
import dev.slipway.cost.domain.ClusterLine;
import dev.slipway.cost.domain.CostLine;
import dev.slipway.cost.domain.NamespaceRef;
import dev.slipway.cost.domain.PodRequest;
import dev.slipway.cost.domain.UsageSnapshot;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Samples and daily costs. Writes go through the Hibernate Reactive session of the caller's
 * transaction (so the outbox row commits with them); reads use the reactive SQL client's typed
 * rows. Callers that read inside a write transaction hold the sampling lock, so no other writer
 * races.
 */
@ApplicationScoped
public class CostStore {

  private final Pool pool;

  public CostStore(Pool pool) {
    this.pool = pool;
  }

  /** One sampler across replicas: a transaction-scoped advisory lock, not waited for. */
  public Uni<Boolean> tryLockSampling() {
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery(
                        "select pg_try_advisory_xact_lock(hashtext('slipway-cost-sampling'))",
                        Boolean.class)
                    .getSingleResult());
  }

  /** The latest sample strictly before {@code at}, or null. */
  public Uni<UsageSnapshot> latestBefore(Instant at) {
    return pool.preparedQuery(
            "select sampled_at, capacity_cpu, capacity_memory_gib from sample_run"
                + " where sampled_at < $1 order by sampled_at desc limit 1")
        .execute(Tuple.of(utc(at)))
        .chain(
            rows -> {
              if (rows.size() == 0) {
                return Uni.createFrom().nullItem();
              }
              Row run = rows.iterator().next();
              OffsetDateTime sampledAt = run.getOffsetDateTime("sampled_at");
              Capacity capacity =
                  run.getBigDecimal("capacity_cpu") == null
                      ? null
                      : new Capacity(
                          run.getBigDecimal("capacity_cpu"),
                          run.getBigDecimal("capacity_memory_gib"));
              Uni<List<NamespaceRef>> namespaces =
                  pool.preparedQuery(
                          "select namespace, team, environment from sample_namespace"
                              + " where sampled_at = $1")
                      .execute(Tuple.of(sampledAt))
                      .map(
                          r -> {
                            List<NamespaceRef> list = new ArrayList<>();
                            r.forEach(
                                row ->
                                    list.add(
                                        new NamespaceRef(
                                            row.getString(0), row.getString(1), row.getString(2))));
                            return list;
                          });
              Uni<List<PodRequest>> pods =
                  pool.preparedQuery(
                          "select uid, namespace, team, environment, app, pod, created_at,"
                              + " cpu_cores, memory_gib, cpu_usage_cores, memory_usage_gib"
                              + " from sample_pod where sampled_at = $1")
                      .execute(Tuple.of(sampledAt))
                      .map(
                          r -> {
                            List<PodRequest> list = new ArrayList<>();
                            r.forEach(
                                row -> {
                                  OffsetDateTime created = row.getOffsetDateTime("created_at");
                                  list.add(
                                      new PodRequest(
                                          row.getString("uid"),
                                          row.getString("namespace"),
                                          row.getString("team"),
                                          row.getString("environment"),
                                          row.getString("app"),
                                          row.getString("pod"),
                                          created == null ? null : created.toInstant(),
                                          row.getBigDecimal("cpu_cores"),
                                          row.getBigDecimal("memory_gib"),
                                          row.getBigDecimal("cpu_usage_cores"),
                                          row.getBigDecimal("memory_usage_gib")));
                                });
                            return list;
                          });
              return Uni.combine()
                  .all()
                  .unis(namespaces, pods)
                  .asTuple()
                  .map(
                      t ->
                          new UsageSnapshot(
                              sampledAt.toInstant(), t.getItem1(), t.getItem2(), capacity));
            });
  }

  public Uni<Void> insert(UsageSnapshot snapshot) {
    Instant at = snapshot.at();
    Uni<Integer> chain =
        execute(
            "insert into sample_run (sampled_at, capacity_cpu, capacity_memory_gib)"
                + " values (?1, cast(?2 as numeric), cast(?3 as numeric))",
            at,
            snapshot.capacity() == null ? null : snapshot.capacity().cpuCores(),
            snapshot.capacity() == null ? null : snapshot.capacity().memoryGib());
    for (NamespaceRef ns : snapshot.namespaces()) {
      chain =
          chain.chain(
              () ->
                  execute(
                      "insert into sample_namespace (sampled_at, namespace, team, environment)"
                          + " values (?1, ?2, ?3, ?4)",
                      at,
                      ns.namespace(),
                      ns.team(),
                      ns.environment()));
    }
    for (PodRequest p : snapshot.pods()) {
      chain =
          chain.chain(
              () ->
                  execute(
                      "insert into sample_pod (sampled_at, uid, namespace, team, environment, app,"
                          + " pod, created_at, cpu_cores, memory_gib, cpu_usage_cores,"
                          + " memory_usage_gib) values (?1, ?2, ?3, ?4, ?5, ?6, ?7,"
                          + " cast(?8 as timestamptz), ?9, ?10, cast(?11 as numeric),"
                          + " cast(?12 as numeric))",
                      at,
                      p.uid(),
                      p.namespace(),
                      p.team(),
                      p.environment(),
                      p.app(),
                      p.pod(),
                      p.createdAt(),
                      p.cpuCores(),
                      p.memoryGib(),
                      p.cpuUsageCores(),
                      p.memoryUsageGib()));
    }
    return chain.replaceWithVoid();
  }

  public Uni<Void> add(List<CostLine> lines, List<ClusterLine> cluster, String currency) {
    Uni<Integer> chain = Uni.createFrom().item(0);
    for (CostLine l : lines) {
      chain =
          chain.chain(
              () ->
                  execute(
                      "insert into cost_daily (team, environment, app, day, cpu_core_hours,"
                          + " memory_gib_hours, amount, currency)"
                          + " values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
                          + " on conflict (team, environment, app, day) do update set"
                          + " cpu_core_hours = cost_daily.cpu_core_hours + excluded.cpu_core_hours,"
                          + " memory_gib_hours = cost_daily.memory_gib_hours"
                          + " + excluded.memory_gib_hours,"
                          + " amount = cost_daily.amount + excluded.amount",
                      l.team(),
                      l.environment(),
                      l.app(),
                      l.day(),
                      l.cpuCoreHours(),
                      l.memoryGibHours(),
                      l.amount(),
                      currency));
    }
    for (ClusterLine c : cluster) {
      chain =
          chain.chain(
              () ->
                  execute(
                      "insert into cluster_daily (day, capacity_core_hours, capacity_gib_hours,"
                          + " capacity_amount, allocated_amount, currency)"
                          + " values (?1, ?2, ?3, ?4, ?5, ?6)"
                          + " on conflict (day) do update set"
                          + " capacity_core_hours = cluster_daily.capacity_core_hours"
                          + " + excluded.capacity_core_hours,"
                          + " capacity_gib_hours = cluster_daily.capacity_gib_hours"
                          + " + excluded.capacity_gib_hours,"
                          + " capacity_amount = cluster_daily.capacity_amount"
                          + " + excluded.capacity_amount,"
                          + " allocated_amount = cluster_daily.allocated_amount"
                          + " + excluded.allocated_amount",
                      c.day(),
                      c.capacityCoreHours(),
                      c.capacityGibHours(),
                      c.capacityAmount(),
                      c.allocatedAmount(),
                      currency));
    }
    return chain.replaceWithVoid();
  }

  /** An environment's total for one closed day, not yet announced with CostComputed. */
  public record ClosedDay(
      String team,
      String environment,
      LocalDate day,
      BigDecimal cpuCoreHours,
      BigDecimal memoryGibHours,
      BigDecimal amount,
      String currency) {}

  public Uni<List<ClosedDay>> unpublishedDaysBefore(LocalDate today) {
    return pool.preparedQuery(
            "select c.team, c.environment, c.day, sum(c.cpu_core_hours), sum(c.memory_gib_hours),"
                + " sum(c.amount), min(c.currency) from cost_daily c"
                + " where c.day < $1 and not exists (select 1 from cost_day_published p"
                + " where p.team = c.team and p.environment = c.environment and p.day = c.day)"
                + " group by c.team, c.environment, c.day order by c.day, c.team, c.environment")
        .execute(Tuple.of(today))
        .map(
            rows -> {
              List<ClosedDay> days = new ArrayList<>();
              rows.forEach(
                  r ->
                      days.add(
                          new ClosedDay(
                              r.getString(0),
                              r.getString(1),
                              r.getLocalDate(2),
                              r.getBigDecimal(3),
                              r.getBigDecimal(4),
                              r.getBigDecimal(5),
                              r.getString(6))));
              return days;
            });
  }

  /** False when another transaction announced the day first. */
  public Uni<Boolean> markPublished(ClosedDay day, Instant at) {
    return execute(
            "insert into cost_day_published (team, environment, day, published_at)"
                + " values (?1, ?2, ?3, ?4) on conflict do nothing",
            day.team(),
            day.environment(),
            day.day(),
            at)
        .map(n -> n == 1);
  }

  /** False when this threshold of this budget was already announced this month. */
  public Uni<Boolean> markAlert(
      String team, String environment, String month, int threshold, Instant at) {
    return execute(
            "insert into budget_alert (team, environment, month, threshold, raised_at)"
                + " values (?1, ?2, ?3, ?4, ?5) on conflict do nothing",
            team,
            environment,
            month,
            threshold,
            at)
        .map(n -> n == 1);
  }

  public Uni<Integer> pruneSamplesBefore(Instant before) {
    return execute("delete from sample_run where sampled_at < ?1", before);
  }

  /** A native statement in the caller's Hibernate Reactive session (and transaction). */
  public static Uni<Integer> execute(String sql, Object... params) {
    return Panache.getSession()
        .chain(
            s -> {
              var query = s.createNativeQuery(sql);
              for (int i = 0; i < params.length; i++) {
                query.setParameter(i + 1, params[i]);
              }
              return query.executeUpdate();
            });
  }

  public static OffsetDateTime utc(Instant at) {
    return at.atOffset(ZoneOffset.UTC);
  }
}
