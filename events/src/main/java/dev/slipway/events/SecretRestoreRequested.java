package dev.slipway.events;

import java.time.Instant;

/**
 * A command from deploy-service to secret-service: apps rolled out with version {@code
 * failedVersion} of a secret and the rollout of {@code app} failed, so the version before it is to
 * be written again as a new version. secret-service does it only while {@code failedVersion} is
 * still current: a redelivery, or a request from a second failing app, finds a newer version and
 * does nothing. Never carries a value.
 */
public record SecretRestoreRequested(
    String team,
    String environment,
    String name,
    int failedVersion,
    String app,
    String reason,
    Instant requestedAt)
    implements SlipwayEvent {

  @Override
  public String aggregateId() {
    return SecretEvents.aggregateId(team, environment, name);
  }
}
