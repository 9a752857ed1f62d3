package dev.slipway.cost.persistence;

import dev.slipway.cost.domain.PlanEstimate;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Read side of the daily costs, budgets and reports (reactive SQL client, typed rows). */
@ApplicationScoped
public class CostQueries {

  /** One group of a showback query; the columns not grouped by are null. */
  public record Group(
      String environment,
      String app,
      LocalDate day,
      BigDecimal cpuCoreHours,
      BigDecimal memoryGibHours,
      BigDecimal amount,
      String currency) {}

  public enum GroupBy {
    ENV("environment"),
    APP("environment, app"),
    DAY("day"),
    ENV_APP_DAY("environment, app, day");

    final String columns;

    GroupBy(String columns) {
      this.columns = columns;
    }
  }

  /**
   * A team's daily cost lines ({@code $1}) from {@code $2} to {@code $3} as {@code costed}: an
   * app's line of a day a cloud bill covers is its share of the bill, as {@link
   * dev.slipway.cost.domain.BillAllocation} shares it (list amount × the day's billed node cost /
   * max(capacity, allocated) at list price); lines of other days, and environment overheads (app
   * ''), keep their list price. What chargeback reports and budgets read.
   */
  static final String BILLED_COST_DAILY =
      "with billed as (select day, sum(node_amount) as node from bill_daily"
          + " where day >= $2 and day <= $3 group by day),"
          + " allocated as (select day, sum(amount) as amount from cost_daily"
          + " where app <> '' and day >= $2 and day <= $3 group by day),"
          + " factor as (select b.day, b.node / greatest(coalesce(c.capacity_amount, 0),"
          + " coalesce(a.amount, 0)) as factor from billed b"
          + " left join cluster_daily c on c.day = b.day left join allocated a on a.day = b.day"
          + " where greatest(coalesce(c.capacity_amount, 0), coalesce(a.amount, 0)) > 0),"
          + " costed as (select d.environment, d.app, d.day, d.cpu_core_hours,"
          + " d.memory_gib_hours, d.currency, case when d.app <> '' and f.factor is not null"
          + " then d.amount * f.factor else d.amount end as amount"
          + " from cost_daily d left join factor f on f.day = d.day"
          + " where d.team = $1 and d.day >= $2 and d.day <= $3) ";

  private final Pool pool;

  public CostQueries(Pool pool) {
    this.pool = pool;
  }

  /**
   * List-priced costs of a team from {@code from} to {@code to}, both days included (showback,
   * which adds the bill's share beside them).
   */
  public Uni<List<Group>> costs(String team, LocalDate from, LocalDate to, GroupBy groupBy) {
    return grouped(
        "select "
            + groupBy.columns
            + ", sum(cpu_core_hours), sum(memory_gib_hours), sum(amount), min(currency)"
            + " from cost_daily where team = $1 and day >= $2 and day <= $3 group by ",
        team,
        from,
        to,
        groupBy);
  }

  /**
   * What a team is charged from {@code from} to {@code to}: billed where a cloud bill covers the
   * day, at list price otherwise (chargeback reports).
   */
  public Uni<List<Group>> chargedCosts(String team, LocalDate from, LocalDate to, GroupBy groupBy) {
    return grouped(
        BILLED_COST_DAILY
            + "select "
            + groupBy.columns
            + ", sum(cpu_core_hours), sum(memory_gib_hours), sum(amount), min(currency)"
            + " from costed group by ",
        team,
        from,
        to,
        groupBy);
  }

  private Uni<List<Group>> grouped(
      String select, String team, LocalDate from, LocalDate to, GroupBy groupBy) {
    String sql = select + groupBy.columns + " order by " + groupBy.columns;
    return pool.preparedQuery(sql)
        .execute(Tuple.of(team, from, to))
        .map(
            rows -> {
              List<Group> groups = new ArrayList<>();
              for (Row r : rows) {
                groups.add(
                    new Group(
                        groupBy.columns.contains("environment") ? r.getString("environment") : null,
                        groupBy.columns.contains("app") ? r.getString("app") : null,
                        groupBy.columns.contains("day") ? r.getLocalDate("day") : null,
                        r.getBigDecimal(r.size() - 4),
                        r.getBigDecimal(r.size() - 3),
                        r.getBigDecimal(r.size() - 2),
                        r.getString(r.size() - 1)));
              }
              return groups;
            });
  }

  /**
   * Month-to-date spend per environment of a team ('' key: the whole team), billed where a cloud
   * bill covers the day.
   */
  public Uni<Map<String, BigDecimal>> spentByEnvironment(
      String team, LocalDate from, LocalDate to) {
    return pool.preparedQuery(
            BILLED_COST_DAILY + "select environment, sum(amount) from costed group by environment")
        .execute(Tuple.of(team, from, to))
        .map(
            rows -> {
              Map<String, BigDecimal> spent = new LinkedHashMap<>();
              BigDecimal total = BigDecimal.ZERO;
              for (Row r : rows) {
                spent.put(r.getString(0), r.getBigDecimal(1));
                total = total.add(r.getBigDecimal(1));
              }
              spent.put("", total);
              return spent;
            });
  }

  public record Budget(String team, String environment, BigDecimal amount) {}

  public Uni<List<Budget>> budgets(String team) {
    String sql =
        "select team, environment, amount from budget"
            + (team == null ? "" : " where team = $1")
            + " order by team, environment";
    return pool.preparedQuery(sql)
        .execute(team == null ? Tuple.tuple() : Tuple.of(team))
        .map(
            rows -> {
              List<Budget> list = new ArrayList<>();
              rows.forEach(
                  r -> list.add(new Budget(r.getString(0), r.getString(1), r.getBigDecimal(2))));
              return list;
            });
  }

  /** Teams with any cost in the period. */
  public Uni<List<String>> teamsWithCosts(LocalDate from, LocalDate to) {
    return pool.preparedQuery(
            "select distinct team from cost_daily where day >= $1 and day <= $2 order by team")
        .execute(Tuple.of(from, to))
        .map(
            rows -> {
              List<String> teams = new ArrayList<>();
              rows.forEach(r -> teams.add(r.getString(0)));
              return teams;
            });
  }

  public record ClusterTotals(
      BigDecimal capacityAmount, BigDecimal allocatedAmount, String currency) {}

  /** Null when no sample in the period knew the nodes' capacity. */
  public Uni<ClusterTotals> cluster(LocalDate from, LocalDate to) {
    return pool.preparedQuery(
            "select sum(capacity_amount), sum(allocated_amount), min(currency) from cluster_daily"
                + " where day >= $1 and day <= $2")
        .execute(Tuple.of(from, to))
        .map(
            rows -> {
              Row r = rows.iterator().next();
              return r.getBigDecimal(0) == null
                  ? null
                  : new ClusterTotals(r.getBigDecimal(0), r.getBigDecimal(1), r.getString(2));
            });
  }

  /** The apps of an environment as the latest sample saw them: pods and summed requests. */
  public Uni<List<PlanEstimate.RunningApp>> runningApps(String team, String environment) {
    return pool.preparedQuery(
            "select app, count(*), sum(cpu_cores), sum(memory_gib) from sample_pod"
                + " where sampled_at = (select max(sampled_at) from sample_run)"
                + " and team = $1 and environment = $2 group by app order by app")
        .execute(Tuple.of(team, environment))
        .map(
            rows -> {
              List<PlanEstimate.RunningApp> apps = new ArrayList<>();
              rows.forEach(
                  r ->
                      apps.add(
                          new PlanEstimate.RunningApp(
                              r.getString(0),
                              r.getLong(1).intValue(),
                              r.getBigDecimal(2),
                              r.getBigDecimal(3))));
              return apps;
            });
  }

  public Uni<String> storedReport(String team, String month) {
    return pool.preparedQuery("select body from monthly_report where team = $1 and month = $2")
        .execute(Tuple.of(team, month))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString(0));
  }
}
