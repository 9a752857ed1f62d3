package dev.slipway.events;

import java.time.Instant;
import java.util.List;

/**
 * A secret has a new version in the cluster. deploy-service stamps {@code versionHash} on the pod
 * template of every app that references the secret, so running pods roll and read the new values.
 * {@code trigger} says why: {@code update} (new values from a client), {@code rotate} (rotate now),
 * {@code schedule} (the rotation policy) or {@code restore} (the version before a failed rollout,
 * written again). Never carries a value; the hash is of ciphertext.
 */
public record SecretRotated(
    String team,
    String environment,
    String name,
    List<String> keys,
    int version,
    String versionHash,
    String trigger,
    Actor actor,
    Instant rotatedAt)
    implements SlipwayEvent {

  @Override
  public String aggregateId() {
    return SecretEvents.aggregateId(team, environment, name);
  }
}
