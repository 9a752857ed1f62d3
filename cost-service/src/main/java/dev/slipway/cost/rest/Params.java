package dev.slipway.cost.rest;

import dev.slipway.events.FieldError;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Query and path parameters, each problem collected as a field error. */
final class Params {

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
