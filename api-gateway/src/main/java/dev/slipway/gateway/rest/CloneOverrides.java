package dev.slipway.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.events.FieldError;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a clone may change in the apps it copies: replicas, the resources preset, the Ingress host.
 * Anything else is refused, field by field, before a command is accepted.
 */
final class CloneOverrides {

  static final Set<String> PRESETS = Set.of("small", "medium", "large");
  static final int MAX_REPLICAS = 50;

  // An RFC 1123 host name; "{app}" stands for each app's name (checkout.pr-42.example.com).
  private static final Pattern HOST =
      Pattern.compile(
          "^(\\{app\\}|[a-z0-9]([-a-z0-9]*[a-z0-9])?)(\\.(\\{app\\}|[a-z0-9]([-a-z0-9]*[a-z0-9])?))*$");

  private CloneOverrides() {}

  static List<FieldError> validate(ObjectNode overrides) {
    List<FieldError> errors = new ArrayList<>();
    if (overrides == null) {
      return errors;
    }
    for (Iterator<String> names = overrides.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      JsonNode value = overrides.get(name);
      switch (name) {
        case "replicas" -> {
          if (!value.isInt() || value.asInt() < 1 || value.asInt() > MAX_REPLICAS) {
            errors.add(
                new FieldError(
                    "overrides.replicas", "must be a whole number from 1 to " + MAX_REPLICAS));
          }
        }
        case "resources" -> {
          JsonNode preset = value.path("preset");
          if (!value.isObject()
              || value.size() != 1
              || !preset.isTextual()
              || !PRESETS.contains(preset.asText())) {
            errors.add(
                new FieldError(
                    "overrides.resources", "must be {\"preset\": small, medium or large}"));
          }
        }
        case "host" -> {
          if (!value.isTextual()
              || value.asText().length() > 253
              || !HOST.matcher(value.asText()).matches()) {
            errors.add(
                new FieldError(
                    "overrides.host",
                    "must be a DNS host name (lower case); {app} stands for each app's name"));
          }
        }
        default ->
            errors.add(
                new FieldError(
                    "overrides." + name, "unknown override: one of replicas, resources, host"));
      }
    }
    return errors;
  }
}
