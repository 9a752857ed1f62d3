package dev.slipway.events;

import java.time.Instant;

/** A secret, its versions and its Kubernetes object are gone. */
public record SecretDeleted(
    String team, String environment, String name, Actor actor, Instant deletedAt)
    implements SlipwayEvent {

  @Override
  public String aggregateId() {
    return SecretEvents.aggregateId(team, environment, name);
  }
}
