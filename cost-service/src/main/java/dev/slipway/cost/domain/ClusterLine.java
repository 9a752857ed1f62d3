package dev.slipway.cost.domain;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The cluster's capacity on one UTC day beside what Slipway's pods requested of it: the difference
 * is the idle (unallocated) cost, reported apart from the teams' showback.
 */
public record ClusterLine(
    LocalDate day,
    BigDecimal capacityCoreHours,
    BigDecimal capacityGibHours,
    BigDecimal capacityAmount,
    BigDecimal allocatedAmount) {

  public BigDecimal unallocatedAmount() {
    return capacityAmount.subtract(allocatedAmount).max(BigDecimal.ZERO);
  }
}
