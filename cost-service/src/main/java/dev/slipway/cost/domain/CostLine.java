package dev.slipway.cost.domain;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Cost of one app of one environment on one UTC day. {@code app} is empty for the environment's own
 * overhead (the per-namespace price).
 */
public record CostLine(
    String team,
    String environment,
    String app,
    LocalDate day,
    BigDecimal cpuCoreHours,
    BigDecimal memoryGibHours,
    BigDecimal amount) {}
