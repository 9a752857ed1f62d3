package dev.slipway.deploy.domain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.deploy.domain.EffectiveSpec.EnvVar;
import dev.slipway.events.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code secret://name/key} references against the secrets of the app's environment. Pure: the
 * known secrets come from deploy-service's projection of the secret events.
 */
public final class SecretReferenceCheck {

  private SecretReferenceCheck() {}

  /**
   * A field error (at the env var's {@code valueFrom}) for each reference to a missing secret, a
   * missing key, or a secret with no value yet; empty when every reference resolves.
   */
  public static List<FieldError> errors(
      JsonNode spec, EffectiveSpec effective, Map<String, KnownSecret> known) {
    String field = spec.has("env") ? "env" : "environmentVariables";
    List<FieldError> errors = new ArrayList<>();
    List<EnvVar> env = effective.env() == null ? List.of() : effective.env();
    for (int i = 0; i < env.size(); i++) {
      if (!(env.get(i) instanceof EnvVar.SecretRef ref)) {
        continue;
      }
      String at = field + "[" + i + "].valueFrom";
      KnownSecret secret = known.get(ref.secret());
      if (secret == null) {
        errors.add(
            new FieldError(at, "secret " + ref.secret() + " does not exist in this environment"));
      } else if (!secret.keys().contains(ref.key())) {
        errors.add(
            new FieldError(
                at,
                "secret "
                    + ref.secret()
                    + " has no key "
                    + ref.key()
                    + " (its keys: "
                    + String.join(", ", new java.util.TreeSet<>(secret.keys()))
                    + ")"));
      } else if (secret.needsValue()) {
        errors.add(
            new FieldError(at, "secret " + ref.secret() + " has no value yet: set one first"));
      }
    }
    return errors;
  }

  /** The version hash of each referenced secret that is known and has a value. */
  public static Map<String, String> stamps(
      EffectiveSpec effective, Map<String, KnownSecret> known) {
    Map<String, String> stamps = new TreeMap<>();
    for (String name : effective.referencedSecrets()) {
      KnownSecret secret = known.get(name);
      if (secret != null && !secret.needsValue()) {
        stamps.put(name, secret.versionHash());
      }
    }
    return stamps;
  }
}
