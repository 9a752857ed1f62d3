package dev.slipway.cost.domain.bill;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Field parsing shared by the bill readers, each failure naming the line and column. */
final class BillFields {

  private static final DateTimeFormatter SPACED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS][.SSS]");

  private BillFields() {}

  /**
   * The UTC day of a timestamp as the exports write them: ISO-8601 ("2030-05-10T00:00:00Z",
   * "2030-05-10T00:00:00.000Z") or BigQuery's "2030-05-10 00:00:00 UTC".
   */
  static LocalDate day(long line, String column, String value) {
    if (value == null || value.isBlank()) {
      throw new BillFormatException(line, column, "is required");
    }
    String v = value.trim();
    try {
      if (v.length() > 10 && v.charAt(10) == 'T') {
        return LocalDate.ofInstant(Instant.parse(v), ZoneOffset.UTC);
      }
      if (v.endsWith(" UTC")) {
        v = v.substring(0, v.length() - 4);
      }
      return LocalDateTime.parse(v, SPACED).toLocalDate();
    } catch (DateTimeParseException e) {
      throw new BillFormatException(line, column, "is not a UTC timestamp");
    }
  }

  static BigDecimal amount(long line, String column, String value) {
    if (value == null || value.isBlank()) {
      throw new BillFormatException(line, column, "is required");
    }
    try {
      return new BigDecimal(value.trim());
    } catch (NumberFormatException e) {
      throw new BillFormatException(line, column, "is not a number");
    }
  }
}
