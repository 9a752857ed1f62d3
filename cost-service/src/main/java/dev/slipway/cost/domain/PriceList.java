package dev.slipway.cost.domain;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * What one unit of requested capacity costs.
 *
 * @param vcpuHour one vCPU requested for one hour
 * @param gibHour one GiB of memory requested for one hour
 * @param storageGibMonth one GiB of persistent storage for one month (estimates)
 * @param namespaceMonth a fixed overhead per environment (namespace) and month; zero for none
 */
public record PriceList(
    BigDecimal vcpuHour,
    BigDecimal gibHour,
    BigDecimal storageGibMonth,
    BigDecimal namespaceMonth,
    String currency) {

  /** Months are billed as 730 hours (365 × 24 / 12), the convention of the cloud price lists. */
  public static final BigDecimal HOURS_PER_MONTH = BigDecimal.valueOf(730);

  static final MathContext MATH = new MathContext(20, RoundingMode.HALF_EVEN);

  public PriceList {
    requireNonNegative(vcpuHour, "vcpuHour");
    requireNonNegative(gibHour, "gibHour");
    requireNonNegative(storageGibMonth, "storageGibMonth");
    requireNonNegative(namespaceMonth, "namespaceMonth");
    if (currency == null || !currency.matches("[A-Z]{3}")) {
      throw new IllegalArgumentException("currency must be an ISO 4217 code such as USD");
    }
  }

  public BigDecimal namespaceHour() {
    return namespaceMonth.divide(HOURS_PER_MONTH, MATH);
  }

  public BigDecimal storageGibHour() {
    return storageGibMonth.divide(HOURS_PER_MONTH, MATH);
  }

  private static void requireNonNegative(BigDecimal value, String name) {
    if (value == null || value.signum() < 0) {
      throw new IllegalArgumentException(name + " must be zero or more");
    }
  }
}
