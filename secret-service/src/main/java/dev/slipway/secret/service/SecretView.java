package dev.slipway.secret.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * A secret as clients see it: never a value. {@code referencedBy} lists the apps whose spec names
 * the secret; it is null when deploy-service could not be asked.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SecretView(
    String team,
    String environment,
    String name,
    List<String> keys,
    int version,
    boolean needsValue,
    Instant createdAt,
    Instant updatedAt,
    Instant lastRotatedAt,
    Rotation rotation,
    Instant nextRotationAt,
    List<String> referencedBy) {

  /** The rotation policy, as set. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Rotation(
      String cron, Integer everyDays, int length, String charset, List<String> keys, String hook) {}

  public SecretView withReferences(List<String> apps) {
    return new SecretView(
        team,
        environment,
        name,
        keys,
        version,
        needsValue,
        createdAt,
        updatedAt,
        lastRotatedAt,
        rotation,
        nextRotationAt,
        apps);
  }
}
