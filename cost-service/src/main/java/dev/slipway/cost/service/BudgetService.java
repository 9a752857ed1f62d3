package dev.slipway.cost.service;

import dev.slipway.cost.domain.BudgetCheck;
import dev.slipway.cost.domain.PlanEstimate;
import dev.slipway.cost.persistence.CostQueries;
import dev.slipway.cost.persistence.CostStore;
import dev.slipway.cost.persistence.PriceStore;
import dev.slipway.events.BudgetExceeded;
import dev.slipway.kit.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/** Monthly budgets per team and environment, and BudgetExceeded at 80 % and 100 %. */
@ApplicationScoped
public class BudgetService {

  private static final Logger LOG = Logger.getLogger(BudgetService.class);

  private final CostQueries queries;
  private final CostStore store;
  private final PriceStore prices;
  private final Outbox outbox;

  public BudgetService(CostQueries queries, CostStore store, PriceStore prices, Outbox outbox) {
    this.queries = queries;
    this.store = store;
    this.prices = prices;
    this.outbox = outbox;
  }

  /** A team's budgets: {@code team} over all environments (or null), and per environment. */
  public record Budgets(BigDecimal team, Map<String, BigDecimal> environments) {}

  public Uni<List<CostQueries.Budget>> get(String team) {
    return queries.budgets(team);
  }

  /** Replaces all of a team's budgets. */
  public Uni<Void> set(String team, Budgets budgets, String by, Instant at) {
    return Panache.withTransaction(
        () -> {
          String insert =
              "insert into budget (team, environment, amount, updated_at, updated_by)"
                  + " values (?1, ?2, ?3, ?4, ?5)";
          Uni<Integer> chain = executeDelete(team);
          if (budgets.team() != null) {
            chain = chain.chain(() -> execute(insert, team, "", budgets.team(), at, by));
          }
          for (var e : budgets.environments().entrySet()) {
            chain = chain.chain(() -> execute(insert, team, e.getKey(), e.getValue(), at, by));
          }
          return chain.replaceWithVoid();
        });
  }

  /**
   * Announces every threshold crossed and not yet announced, in each month from {@code from} to
   * {@code now} (the months the latest sample's interval touched).
   */
  public Uni<Void> check(Instant from, Instant now) {
    YearMonth month = YearMonth.from(from.atZone(ZoneOffset.UTC));
    YearMonth last = YearMonth.from(now.atZone(ZoneOffset.UTC));
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (YearMonth m = month; !m.isAfter(last); m = m.plusMonths(1)) {
      YearMonth current = m;
      chain = chain.chain(() -> check(current, now));
    }
    return chain;
  }

  private Uni<Void> check(YearMonth month, Instant now) {
    LocalDate first = month.atDay(1);
    LocalDate lastDay = month.atEndOfMonth();
    return queries
        .budgets(null)
        .chain(
            all ->
                prices
                    .at(now)
                    .chain(
                        effective ->
                            Multi.createFrom()
                                .iterable(all)
                                .onItem()
                                .transformToUniAndConcatenate(
                                    budget ->
                                        queries
                                            .spentByEnvironment(budget.team(), first, lastDay)
                                            .chain(
                                                spent ->
                                                    announce(
                                                        budget,
                                                        spent.getOrDefault(
                                                            budget.environment(), BigDecimal.ZERO),
                                                        month.toString(),
                                                        effective.prices().currency(),
                                                        now)))
                                .collect()
                                .last()
                                .replaceWithVoid()));
  }

  private Uni<Void> announce(
      CostQueries.Budget budget, BigDecimal spent, String month, String currency, Instant now) {
    List<Integer> reached = BudgetCheck.reached(budget.amount(), spent);
    if (reached.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return Multi.createFrom()
        .iterable(reached)
        .onItem()
        .transformToUniAndConcatenate(
            threshold ->
                Panache.withTransaction(
                    () ->
                        store
                            .markAlert(budget.team(), budget.environment(), month, threshold, now)
                            .chain(
                                first -> {
                                  if (!first) {
                                    return Uni.createFrom().voidItem();
                                  }
                                  boolean teamWide = budget.environment().isEmpty();
                                  LOG.infof(
                                      "team=%s environment=%s budget %s%% reached: %s of %s",
                                      budget.team(),
                                      budget.environment(),
                                      threshold,
                                      spent,
                                      budget.amount());
                                  return outbox
                                      .append(
                                          new BudgetExceeded(
                                              budget.team(),
                                              teamWide
                                                  ? BudgetExceeded.TEAM_SCOPE
                                                  : BudgetExceeded.ENVIRONMENT_SCOPE,
                                              budget.environment(),
                                              month,
                                              threshold,
                                              budget.amount(),
                                              PlanEstimate.round(spent),
                                              currency,
                                              now))
                                      .replaceWithVoid();
                                })))
        .collect()
        .last()
        .replaceWithVoid();
  }

  private static Uni<Integer> executeDelete(String team) {
    return execute("delete from budget where team = ?1", team);
  }

  private static Uni<Integer> execute(String sql, Object... params) {
    return CostStore.execute(sql, params);
  }
}
