package dev.slipway.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** The cost of one environment for one day, from requested resources and the price list. */
public record CostComputed(
    String team,
    String environment,
    LocalDate day,
    BigDecimal cpuCoreHours,
    BigDecimal memoryGibHours,
    BigDecimal amount,
    String currency,
    Instant computedAt)
    implements SlipwayEvent {

  @Override
  public String aggregateId() {
    return AggregateIds.environment(team, environment);
  }
}
