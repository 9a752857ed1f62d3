package dev.slipway.deploy.observe;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people type them in a query: {@code 90s}, {@code 5m}, {@code 1h30m}, {@code 2d}. */
final class Durations {

  private static final Pattern WHOLE = Pattern.compile("^(\\d{1,9}(ms|s|m|h|d))+$");
  private static final Pattern PART = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

  private Durations() {}

  /** The duration, or null when {@code text} is not one (ISO-8601 {@code PT5M} is accepted too). */
  static Duration parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String t = text.trim();
    if (WHOLE.matcher(t).matches()) {
      Duration total = Duration.ZERO;
      Matcher part = PART.matcher(t);
      while (part.find()) {
        long n = Long.parseLong(part.group(1));
        total =
            total.plus(
                switch (part.group(2)) {
                  case "ms" -> Duration.ofMillis(n);
                  case "s" -> Duration.ofSeconds(n);
                  case "m" -> Duration.ofMinutes(n);
                  case "h" -> Duration.ofHours(n);
                  default -> Duration.ofDays(n);
                });
      }
      return total;
    }
    try {
      return Duration.parse(t);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
