package dev.slipway.environment.domain;

import dev.slipway.events.EnvironmentKind;
import java.time.Duration;
import java.time.Instant;

/**
 * An environment as a list shows it: what it is, how many apps run in it, and when it expires.
 * Production never expires; other kinds expire after {@code idleDays} without activity.
 */
public record EnvironmentOverview(
    Environment environment, int apps, Duration age, Instant expiresAt) {

  public static EnvironmentOverview of(
      Environment environment, int apps, int idleDays, Instant now) {
    Instant expiresAt = expiresAt(environment, idleDays);
    Duration age = Duration.between(environment.createdAt(), now);
    return new EnvironmentOverview(
        environment, apps, age.isNegative() ? Duration.ZERO : age, expiresAt);
  }

  /**
   * When the environment is deleted for idleness: null for production and pinned ones; otherwise
   * {@code idleDays} after its last activity, and not before an extension.
   */
  public static Instant expiresAt(Environment environment, int idleDays) {
    if (environment.kind() == EnvironmentKind.PRODUCTION || environment.pinned()) {
      return null;
    }
    Instant idle = environment.lastActivityAt().plus(Duration.ofDays(idleDays));
    Instant extended = environment.extendedUntil();
    return extended != null && extended.isAfter(idle) ? extended : idle;
  }
}
