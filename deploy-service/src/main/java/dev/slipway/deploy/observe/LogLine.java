package dev.slipway.deploy.observe;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * One line of one container. {@code time} is the timestamp Kubernetes writes before each line when
 * asked to ({@code timestamps=true}), or null when the line has none.
 */
public record LogLine(Instant time, String pod, String container, String message) {

  /** Splits Kubernetes' {@code 2026-11-25T10:59:35.185923456Z message} into time and message. */
  static LogLine parse(String pod, String container, String raw) {
    int space = raw.indexOf(' ');
    if (space > 0) {
      try {
        return new LogLine(
            Instant.parse(raw.substring(0, space)), pod, container, raw.substring(space + 1));
      } catch (DateTimeParseException notATimestamp) {
        // a line without the timestamp prefix: kept whole, placed by its neighbours
      }
    }
    return new LogLine(null, pod, container, raw);
  }

  /** {@code pod/container}, the prefix that tells merged lines apart. */
  public String source() {
    return pod + "/" + container;
  }
}
