package dev.slipway.audit.domain;

import java.time.Duration;
import java.time.Instant;

/** When the next checkpoint is due: every N records, or after T with at least one new record. */
public record CheckpointPolicy(long everyRecords, Duration interval) {

  /**
   * @param newRecords records appended since the last checkpoint
   * @param last when the last checkpoint was made, null before the first
   */
  public boolean due(long newRecords, Instant last, Instant now) {
    if (newRecords <= 0) {
      return false;
    }
    return newRecords >= everyRecords
        || last == null
        || !Duration.between(last, now).minus(interval).isNegative();
  }
}
