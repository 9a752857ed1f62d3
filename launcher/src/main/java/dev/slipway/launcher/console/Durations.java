package dev.slipway.launcher.console;

import java.time.Duration;

/** Human durations for the progress display: {@code 0.4s}, {@code 12.3s}, {@code 1m 42s}. */
public final class Durations {
  private Durations() {}

  public static String format(Duration duration) {
    long millis = duration.toMillis();
    if (millis < 60_000) {
      return String.format(java.util.Locale.ROOT, "%.1fs", millis / 1000.0);
    }
    return (millis / 60_000)
        + "m "
        + String.format(java.util.Locale.ROOT, "%02ds", millis / 1000 % 60);
  }
}
