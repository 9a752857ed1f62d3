package dev.slipway.cost.domain.bill;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A bill file summed per UTC day: what the cluster's nodes (virtual machines) cost, and the rest
 * (storage, network, managed services, fees, taxes), which Slipway cannot tie to a namespace.
 */
public final class BillTotals {

  /** One day of a bill. */
  public record Day(LocalDate day, BigDecimal nodeAmount, BigDecimal otherAmount) {}

  private final Map<LocalDate, BigDecimal[]> days = new TreeMap<>();
  private String currency;
  private long rows;

  void add(long line, String column, LocalDate day, boolean node, BigDecimal cost, String curr) {
    if (curr == null || !curr.matches("[A-Z]{3}")) {
      throw new BillFormatException(line, column, "is not an ISO 4217 currency code");
    }
    if (currency == null) {
      currency = curr;
    } else if (!currency.equals(curr)) {
      throw new BillFormatException(
          line,
          column,
          "is " + curr + " but earlier rows are " + currency + ": one currency a file");
    }
    BigDecimal[] amounts =
        days.computeIfAbsent(day, d -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
    amounts[node ? 0 : 1] = amounts[node ? 0 : 1].add(cost);
    rows++;
  }

  public List<Day> days() {
    return days.entrySet().stream()
        .map(e -> new Day(e.getKey(), e.getValue()[0], e.getValue()[1]))
        .toList();
  }

  /** Null when the file had no cost rows. */
  public String currency() {
    return currency;
  }

  public long rows() {
    return rows;
  }
}
