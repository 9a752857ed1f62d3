package dev.slipway.cost.rest;

import java.math.BigDecimal;
import java.util.List;

/** The monthly cost (730 hours) of a plan at today's prices. */
public record EstimateResponse(
    String team,
    String environment,
    BigDecimal monthlyAmount,
    String currency,
    List<Line> lines,
    List<String> notPriced) {

  /** {@code app} "" is the new environment's overhead. */
  public record Line(String app, BigDecimal monthlyAmount) {}
}
