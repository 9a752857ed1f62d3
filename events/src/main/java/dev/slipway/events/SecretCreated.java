package dev.slipway.events;

import java.time.Instant;
import java.util.List;

/**
 * A secret exists in a team's environment: its key names and first version, never a value. {@code
 * needsValue} marks a secret created without values (a clone into production) that no Kubernetes
 * object backs yet.
 */
public record SecretCreated(
    String team,
    String environment,
    String name,
    List<String> keys,
    int version,
    String versionHash,
    boolean needsValue,
    Actor actor,
    Instant createdAt)
    implements SlipwayEvent {

  @Override
  public String aggregateId() {
    return SecretEvents.aggregateId(team, environment, name);
  }
}
