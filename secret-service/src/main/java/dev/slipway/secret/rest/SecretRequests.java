package dev.slipway.secret.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.events.EventJson;
import dev.slipway.events.FieldError;
import dev.slipway.kit.problem.ProblemException;
import dev.slipway.secret.domain.RotationPolicy;
import dev.slipway.secret.domain.SecretRules;
import dev.slipway.secret.domain.SecretValues;
import dev.slipway.secret.domain.ValueGenerator;
import dev.slipway.secret.service.SecretCommand;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads request bodies by hand rather than by data binding: a binding error message would quote the
 * offending token, and that token may be a secret value. Every error here names the field and the
 * rule, never the value.
 *
 * <pre>
 * {"name": "db-credentials",
 *  "values": {"url": "...", "password": "..."},
 *  "rotation": {"everyDays": 30, "length": 32, "charset": "alphanumeric", "keys": ["password"]}}
 * </pre>
 */
final class SecretRequests {

  private SecretRequests() {}

  static SecretCommand create(String body) {
    JsonNode tree = read(body);
    List<FieldError> errors = new ArrayList<>();
    String name = tree.path("name").isTextual() ? tree.path("name").asText() : null;
    errors.addAll(SecretRules.name("name", name));
    Map<String, String> values = values(tree.path("values"), errors);
    var rotation = rotation(tree, errors);
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
    return new SecretCommand(name, Optional.of(SecretValues.of(values)), rotation);
  }

  static SecretCommand update(String name, String body) {
    JsonNode tree = read(body);
    List<FieldError> errors = new ArrayList<>();
    Optional<SecretValues> values = Optional.empty();
    if (tree.has("values")) {
      values = Optional.of(SecretValues.of(values(tree.path("values"), errors)));
    }
    var rotation = rotation(tree, errors);
    if (values.isEmpty() && rotation.isEmpty()) {
      errors.add(new FieldError("$", "set values, rotation, or both"));
    }
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
    return new SecretCommand(name, values, rotation);
  }

  private static JsonNode read(String body) {
    JsonNode tree;
    try {
      tree = body == null || body.isBlank() ? null : EventJson.mapper().readTree(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      tree = null;
    }
    if (tree == null || !tree.isObject()) {
      throw ProblemException.invalid(List.of(new FieldError("$", "must be a JSON object")));
    }
    return tree;
  }

  private static Map<String, String> values(JsonNode node, List<FieldError> errors) {
    if (!node.isObject()) {
      errors.add(new FieldError("values", "must be an object of key names to string values"));
      return Map.of();
    }
    Map<String, String> values = new LinkedHashMap<>();
    List<FieldError> typeErrors = new ArrayList<>();
    node.fields()
        .forEachRemaining(
            e -> {
              if (e.getValue().isTextual()) {
                values.put(e.getKey(), e.getValue().asText());
              } else {
                typeErrors.add(new FieldError("values." + e.getKey(), "must be a string"));
                values.put(e.getKey(), "");
              }
            });
    errors.addAll(SecretRules.values("values", values));
    errors.addAll(typeErrors);
    return values;
  }

  /** Absent: no change. {@code null}: remove the policy. An object: the new policy. */
  private static Optional<Optional<RotationPolicy>> rotation(
      JsonNode tree, List<FieldError> errors) {
    if (!tree.has("rotation")) {
      return Optional.empty();
    }
    JsonNode node = tree.path("rotation");
    if (node.isNull()) {
      return Optional.of(Optional.empty());
    }
    if (!node.isObject()) {
      errors.add(new FieldError("rotation", "must be an object or null"));
      return Optional.empty();
    }
    String cron = node.path("cron").isTextual() ? node.path("cron").asText() : null;
    Integer everyDays = node.path("everyDays").isInt() ? node.path("everyDays").asInt() : null;
    Integer length = node.path("length").isInt() ? node.path("length").asInt() : null;
    String charset = node.path("charset").isTextual() ? node.path("charset").asText() : null;
    List<String> keys = new ArrayList<>();
    node.path("keys").forEach(k -> keys.add(k.asText()));
    String hook = node.path("hook").isTextual() ? node.path("hook").asText() : null;
    if (node.has("hook") && !node.path("hook").isTextual() && !node.path("hook").isNull()) {
      errors.add(new FieldError("rotation.hook", "must be a URL"));
    }
    List<FieldError> policyErrors =
        new ArrayList<>(RotationPolicy.validate("rotation", cron, everyDays, length, charset));
    policyErrors.addAll(RotationPolicy.validateHook("rotation.hook", hook));
    errors.addAll(policyErrors);
    if (!policyErrors.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        Optional.of(
            new RotationPolicy(
                cron,
                everyDays,
                length == null ? ValueGenerator.DEFAULT_LENGTH : length,
                charset == null ? ValueGenerator.DEFAULT_CHARSET : charset,
                keys,
                hook)));
  }
}
