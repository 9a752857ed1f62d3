package dev.slipway.cost.rest;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A team's monthly budgets: {@code monthly} over all its environments (null: none) and per
 * environment. Answers add the month-to-date spend.
 */
public record BudgetsBody(
    BigDecimal monthly, Map<String, BigDecimal> environments, List<Status> status) {

  public record Status(
      String environment, BigDecimal budget, BigDecimal spent, BigDecimal percent) {}
}
