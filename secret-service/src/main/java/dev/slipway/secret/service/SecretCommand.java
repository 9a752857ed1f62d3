package dev.slipway.secret.service;

import dev.slipway.secret.domain.RotationPolicy;
import dev.slipway.secret.domain.SecretValues;
import java.util.Optional;

/**
 * A validated create or update. {@code values} absent: keep the current version. {@code rotation}
 * absent: keep the policy; present and empty: remove it.
 */
public record SecretCommand(
    String name, Optional<SecretValues> values, Optional<Optional<RotationPolicy>> rotation) {

  @Override
  public String toString() {
    return "SecretCommand[" + name + "]";
  }
}
