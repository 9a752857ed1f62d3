package dev.slipway.events;

import java.time.Instant;

/** Someone read a secret's values back (non-production only): the audit trail, without them. */
public record SecretRevealed(
    String team, String environment, String name, int version, Actor actor, Instant revealedAt)
    implements SlipwayEvent {

  @Override
  public String aggregateId() {
    return SecretEvents.aggregateId(team, environment, name);
  }
}
