package dev.slipway.cost.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A team's chargeback for one calendar month (UTC): cost per environment and app.
 *
 * @param complete false while the month is still running (the figures will grow)
 */
public record MonthlyReport(
    String team,
    String month,
    String currency,
    Instant generatedAt,
    boolean complete,
    BigDecimal total,
    List<Line> lines) {

  /** {@code app} is empty for the environment's own overhead. */
  public record Line(
      String environment,
      String app,
      BigDecimal cpuCoreHours,
      BigDecimal memoryGibHours,
      BigDecimal amount) {}

  public static final String CSV_HEADER =
      "team,month,environment,app,cpu_core_hours,memory_gib_hours,amount,currency";

  /** One header, one row per line; names are DNS labels, so nothing needs quoting. */
  public String toCsv() {
    StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
    for (Line l : lines) {
      csv.append(team)
          .append(',')
          .append(month)
          .append(',')
          .append(l.environment())
          .append(',')
          .append(l.app())
          .append(',')
          .append(l.cpuCoreHours().toPlainString())
          .append(',')
          .append(l.memoryGibHours().toPlainString())
          .append(',')
          .append(l.amount().toPlainString())
          .append(',')
          .append(currency)
          .append('\n');
    }
    return csv.toString();
  }
}
