package dev.slipway.cost.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A team's costs over a period, grouped by environment, app or day (both ends included). {@code
 * billedTotal} and each item's {@code billedAmount} appear when a cloud bill covers a day of the
 * period: those days' node cost as the bill shares it out, the other days at list prices.
 */
public record ShowbackResponse(
    String team,
    LocalDate from,
    LocalDate to,
    String groupBy,
    String currency,
    BigDecimal total,
    @JsonInclude(JsonInclude.Include.NON_NULL) BigDecimal billedTotal,
    List<Item> items) {

  /** The columns not grouped by are left out; app "" is the environment's own overhead. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Item(
      String environment,
      String app,
      LocalDate day,
      BigDecimal cpuCoreHours,
      BigDecimal memoryGibHours,
      BigDecimal amount,
      BigDecimal billedAmount) {}
}
