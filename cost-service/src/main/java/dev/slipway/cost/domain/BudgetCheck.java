package dev.slipway.cost.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Which thresholds of a monthly budget a month-to-date amount has reached. */
public final class BudgetCheck {

  /** The thresholds that raise BudgetExceeded, in percent of the budget. */
  public static final List<Integer> THRESHOLDS = List.of(80, 100);

  private BudgetCheck() {}

  public static List<Integer> reached(BigDecimal budget, BigDecimal spent) {
    List<Integer> reached = new ArrayList<>();
    if (budget == null || budget.signum() <= 0) {
      return reached;
    }
    for (int threshold : THRESHOLDS) {
      BigDecimal limit = budget.multiply(BigDecimal.valueOf(threshold)).movePointLeft(2);
      if (spent.compareTo(limit) >= 0) {
        reached.add(threshold);
      }
    }
    return reached;
  }
}
