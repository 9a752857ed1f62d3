package dev.slipway.environment.rest;

import dev.slipway.environment.domain.Environment;
import java.time.Instant;

/** An environment as the API shows it. */
public record EnvironmentResponse(
    String team, String name, String kind, String namespace, String status, Instant createdAt) {

  static EnvironmentResponse of(Environment environment) {
    return new EnvironmentResponse(
        environment.team(),
        environment.name(),
        environment.kind().wire(),
        environment.namespace(),
        environment.status().name(),
        environment.createdAt());
  }
}
