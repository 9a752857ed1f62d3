package dev.slipway.environment.domain;

import dev.slipway.events.EnvironmentKind;
import java.time.Instant;

/** An environment Slipway made and owns; {@code clonedFrom} names a clone's source, else null. */
public record Environment(
    String team,
    String name,
    EnvironmentKind kind,
    String namespace,
    EnvironmentStatus status,
    Instant createdAt,
    Instant lastActivityAt,
    String clonedFrom) {

  public EnvironmentSpec spec() {
    return new EnvironmentSpec(team, name, kind);
  }
}
