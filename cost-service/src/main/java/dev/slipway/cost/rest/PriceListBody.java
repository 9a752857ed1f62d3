package dev.slipway.cost.rest;

import java.math.BigDecimal;
import java.time.Instant;

/** The price list; {@code since} (answers only) is when an admin's list took effect. */
public record PriceListBody(
    BigDecimal vcpuHour,
    BigDecimal gibHour,
    BigDecimal storageGibMonth,
    BigDecimal namespaceMonth,
    String currency,
    Instant since,
    String source) {}
