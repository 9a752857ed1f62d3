package dev.slipway.cost.rest;

import java.math.BigDecimal;
import java.util.List;

/**
 * The monthly cost (730 hours) of a plan at today's prices; {@code currentMonthlyAmount} is what
 * the same apps cost now at their sampled requests (zero for a new environment), and {@code
 * monthlyDelta} the difference the plan makes.
 */
public record EstimateResponse(
    String team,
    String environment,
    BigDecimal monthlyAmount,
    String currency,
    List<Line> lines,
    List<String> notPriced,
    BigDecimal currentMonthlyAmount,
    BigDecimal monthlyDelta) {

  /** {@code app} "" is the new environment's overhead. */
  public record Line(String app, BigDecimal monthlyAmount) {}
}
