package dev.slipway.environment.rest;

import dev.slipway.environment.domain.Environment;
import dev.slipway.environment.domain.EnvironmentOverview;
import java.time.Instant;

/**
 * An environment as the API shows it. {@code age} is an ISO-8601 duration; {@code expiresAt} is
 * null for production, which never expires.
 */
public record EnvironmentResponse(
    String team,
    String name,
    String kind,
    String namespace,
    String status,
    Instant createdAt,
    int apps,
    String age,
    Instant lastActivityAt,
    Instant expiresAt,
    String clonedFrom) {

  static EnvironmentResponse of(EnvironmentOverview overview) {
    Environment environment = overview.environment();
    return new EnvironmentResponse(
        environment.team(),
        environment.name(),
        environment.kind().wire(),
        environment.namespace(),
        environment.status().name(),
        environment.createdAt(),
        overview.apps(),
        overview.age().withNanos(0).toString(),
        environment.lastActivityAt(),
        overview.expiresAt(),
        environment.clonedFrom());
  }
}
