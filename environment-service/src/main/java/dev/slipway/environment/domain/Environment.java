package dev.slipway.environment.domain;

import dev.slipway.events.EnvironmentKind;
import java.time.Instant;

/**
 * An environment Slipway made and owns; {@code clonedFrom} names a clone's source, else null. A
 * pinned environment never expires; {@code extendedUntil} (if set) is the earliest it may expire.
 */
public record Environment(
    String team,
    String name,
    EnvironmentKind kind,
    String namespace,
    EnvironmentStatus status,
    Instant createdAt,
    Instant lastActivityAt,
    String clonedFrom,
    boolean pinned,
    Instant extendedUntil) {

  public EnvironmentSpec spec() {
    return new EnvironmentSpec(team, name, kind);
  }
}
