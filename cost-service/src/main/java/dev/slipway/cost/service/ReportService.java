package dev.slipway.cost.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.cost.domain.MonthlyReport;
import dev.slipway.cost.domain.PlanEstimate;
import dev.slipway.cost.persistence.CostQueries;
import dev.slipway.cost.persistence.CostStore;
import dev.slipway.cost.persistence.PriceStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Monthly chargeback. A closed month's report is generated once (on the 1st, or when first asked
 * for) and stored, so what was charged stays what it was; the running month is computed live.
 */
@ApplicationScoped
public class ReportService {

  private static final Logger LOG = Logger.getLogger(ReportService.class);

  private final CostQueries queries;
  private final PriceStore prices;
  private final ObjectMapper json;

  public ReportService(CostQueries queries, PriceStore prices, ObjectMapper json) {
    this.queries = queries;
    this.prices = prices;
    this.json = json;
  }

  public Uni<MonthlyReport> report(String team, YearMonth month, Instant now) {
    boolean closed = month.isBefore(YearMonth.from(now.atZone(ZoneOffset.UTC)));
    if (!closed) {
      return compute(team, month, now, false);
    }
    return queries
        .storedReport(team, month.toString())
        .chain(
            stored ->
                stored != null ? Uni.createFrom().item(read(stored)) : generate(team, month, now));
  }

  /** Generates and stores a closed month's report (again, if it was: the figures are final). */
  public Uni<MonthlyReport> generate(String team, YearMonth month, Instant now) {
    return compute(team, month, now, true)
        .call(
            report ->
                Panache.withTransaction(
                    () ->
                        CostStore.execute(
                            "insert into monthly_report (team, month, generated_at, body)"
                                + " values (?1, ?2, ?3, ?4) on conflict (team, month) do update"
                                + " set generated_at = excluded.generated_at, body = excluded.body",
                            team,
                            month.toString(),
                            now,
                            write(report))));
  }

  /** Every team with costs in a closed month, generated again (an admin's explicit run). */
  public Uni<Integer> generateAll(YearMonth month, Instant now) {
    return queries
        .teamsWithCosts(month.atDay(1), month.atEndOfMonth())
        .chain(
            teams ->
                Multi.createFrom()
                    .iterable(teams)
                    .onItem()
                    .transformToUniAndConcatenate(team -> generate(team, month, now))
                    .collect()
                    .asList()
                    .invoke(
                        reports ->
                            LOG.infof("month=%s reports=%d generated", month, reports.size()))
                    .map(List::size));
  }

  /**
   * The scheduled run on the 1st: the report of every team with costs in the month just closed that
   * has none yet. Every replica runs it; the first insert of a report wins and the others leave it
   * as it is, so each report is made once. Answers how many this call made.
   */
  public Uni<Integer> generateMissing(YearMonth month, Instant now) {
    return queries
        .teamsWithCosts(month.atDay(1), month.atEndOfMonth())
        .chain(
            teams ->
                Multi.createFrom()
                    .iterable(teams)
                    .onItem()
                    .transformToUniAndConcatenate(
                        team ->
                            compute(team, month, now, true)
                                .chain(
                                    report ->
                                        Panache.withTransaction(
                                            () ->
                                                CostStore.execute(
                                                    "insert into monthly_report (team, month,"
                                                        + " generated_at, body) values (?1, ?2,"
                                                        + " ?3, ?4) on conflict do nothing",
                                                    team,
                                                    month.toString(),
                                                    now,
                                                    write(report)))))
                    .collect()
                    .with(Collectors.summingInt(Integer::intValue))
                    .invoke(made -> LOG.infof("month=%s reports=%d generated", month, made)));
  }

  private Uni<MonthlyReport> compute(String team, YearMonth month, Instant now, boolean complete) {
    return queries
        .chargedCosts(team, month.atDay(1), month.atEndOfMonth(), CostQueries.GroupBy.APP)
        .chain(
            groups ->
                prices
                    .at(now)
                    .map(
                        effective -> {
                          List<MonthlyReport.Line> lines = new ArrayList<>();
                          BigDecimal total = BigDecimal.ZERO;
                          String currency = effective.prices().currency();
                          for (var g : groups) {
                            lines.add(
                                new MonthlyReport.Line(
                                    g.environment(),
                                    g.app(),
                                    PlanEstimate.round(g.cpuCoreHours()),
                                    PlanEstimate.round(g.memoryGibHours()),
                                    PlanEstimate.round(g.amount())));
                            total = total.add(g.amount());
                            currency = g.currency();
                          }
                          return new MonthlyReport(
                              team,
                              month.toString(),
                              currency,
                              now,
                              complete,
                              PlanEstimate.round(total),
                              List.copyOf(lines));
                        }));
  }

  private String write(MonthlyReport report) {
    try {
      return json.writeValueAsString(report);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private MonthlyReport read(String body) {
    try {
      return json.readValue(body, MonthlyReport.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
