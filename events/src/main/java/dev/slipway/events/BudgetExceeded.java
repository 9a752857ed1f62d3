package dev.slipway.events;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A team's or an environment's month-to-date cost reached a threshold of its monthly budget (80 or
 * 100 percent). Published once per budget, threshold and month.
 *
 * @param scope {@code team} (the budget covers all the team's environments; {@code environment} is
 *     empty) or {@code environment}
 * @param month the calendar month, {@code yyyy-MM} (UTC)
 */
public record BudgetExceeded(
    String team,
    String scope,
    String environment,
    String month,
    int thresholdPercent,
    BigDecimal budget,
    BigDecimal spent,
    String currency,
    Instant detectedAt)
    implements SlipwayEvent {

  public static final String TEAM_SCOPE = "team";
  public static final String ENVIRONMENT_SCOPE = "environment";

  @Override
  public String aggregateId() {
    return TEAM_SCOPE.equals(scope) ? team : AggregateIds.environment(team, environment);
  }
}
