package dev.slipway.cost.rest;

import dev.slipway.events.FieldError;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;

/** Query and path parameters, each problem collected as a field error. */
final class Params {

  /** An RFC 1123 label: what names a namespace's part. */
  static final Pattern DNS_LABEL = Pattern.compile("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$");

  private Params() {}

  static LocalDate day(String field, String value, LocalDate fallback, List<FieldError> errors) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      errors.add(new FieldError(field, "must be a date such as 2026-11-01"));
      return fallback;
    }
  }

  static YearMonth month(String value, List<FieldError> errors) {
    try {
      return YearMonth.parse(value);
    } catch (DateTimeParseException e) {
      errors.add(new FieldError("month", "must be a month such as 2026-11"));
      return null;
    }
  }
}
