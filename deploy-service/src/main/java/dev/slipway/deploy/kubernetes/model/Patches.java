package dev.slipway.deploy.kubernetes.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.deploy.domain.Patch;
import dev.slipway.deploy.domain.RenderException;
import dev.slipway.events.FieldError;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.zjsonpatch.JsonPatch;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Applies expert patches to rendered objects. A patch may change anything but an object's kind,
 * name and namespace (those decide what Slipway owns); every problem is reported with its path.
 */
public final class Patches {

  static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private Patches() {}

  public static List<HasMetadata> apply(List<HasMetadata> objects, List<Patch> patches, String at) {
    if (patches.isEmpty()) {
      return objects;
    }
    List<JsonNode> trees = new ArrayList<>();
    for (HasMetadata object : objects) {
      trees.add(SERIALIZATION.convertValue(object, JsonNode.class));
    }
    List<FieldError> errors = new ArrayList<>();
    for (int i = 0; i < patches.size(); i++) {
      Patch patch = patches.get(i);
      String field = at + "[" + i + "]";
      if (patch.target() == null || patch.target().kind() == null) {
        errors.add(new FieldError(field + ".target.kind", "is required"));
        continue;
      }
      if ((patch.jsonPatch() == null) == (patch.merge() == null)) {
        errors.add(new FieldError(field, "give either jsonPatch or merge"));
        continue;
      }
      boolean matched = false;
      for (int j = 0; j < trees.size(); j++) {
        JsonNode tree = trees.get(j);
        if (!patch.target().kind().equals(tree.path("kind").asText())
            || (patch.target().name() != null
                && !patch.target().name().equals(tree.path("metadata").path("name").asText()))) {
          continue;
        }
        matched = true;
        try {
          JsonNode patched =
              patch.jsonPatch() != null
                  ? JsonPatch.apply(patch.jsonPatch(), tree)
                  : merge(tree.deepCopy(), patch.merge());
          String moved = identityChange(tree, patched);
          if (moved != null) {
            errors.add(new FieldError(field, "must not change " + moved));
          } else {
            trees.set(j, patched);
          }
        } catch (RuntimeException e) {
          errors.add(
              new FieldError(
                  field + (patch.jsonPatch() != null ? ".jsonPatch" : ".merge"),
                  "does not apply to " + describe(tree) + ": " + e.getMessage()));
        }
      }
      if (!matched) {
        errors.add(
            new FieldError(
                field + ".target",
                "matches no rendered object ("
                    + patch.target().kind()
                    + (patch.target().name() == null ? "" : " " + patch.target().name())
                    + ")"));
      }
    }
    if (!errors.isEmpty()) {
      throw new RenderException("the patches do not apply", errors);
    }
    List<HasMetadata> result = new ArrayList<>();
    for (JsonNode tree : trees) {
      result.add(toObject(tree));
    }
    return result;
  }

  /** A manifest tree back to its fabric8 type (unknown fields are kept). */
  public static HasMetadata toObject(JsonNode tree) {
    return SERIALIZATION.unmarshal(tree.toString());
  }

  public static JsonNode toTree(HasMetadata object) {
    return SERIALIZATION.convertValue(object, JsonNode.class);
  }

  private static String identityChange(JsonNode before, JsonNode after) {
    for (String field : List.of("apiVersion", "kind")) {
      if (!Objects.equals(before.path(field), after.path(field))) {
        return field;
      }
    }
    for (String field : List.of("name", "namespace")) {
      if (!Objects.equals(
          before.path("metadata").path(field), after.path("metadata").path(field))) {
        return "metadata." + field;
      }
    }
    return null;
  }

  private static String describe(JsonNode tree) {
    return tree.path("kind").asText() + " " + tree.path("metadata").path("name").asText();
  }

  /**
   * RFC 7386 merge, except that two lists of objects that all have a {@code name} merge element by
   * element on it (as a strategic merge patch does for containers, env, ports, volumes).
   */
  static JsonNode merge(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch;
    }
    ObjectNode result =
        target.isObject() ? (ObjectNode) target : JsonNodeFactory.instance.objectNode();
    Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
    while (fields.hasNext()) {
      var entry = fields.next();
      JsonNode value = entry.getValue();
      if (value.isNull()) {
        result.remove(entry.getKey());
      } else if (value.isArray()
          && result.path(entry.getKey()).isArray()
          && named((ArrayNode) value)
          && named((ArrayNode) result.path(entry.getKey()))) {
        result.set(
            entry.getKey(), mergeByName((ArrayNode) result.get(entry.getKey()), (ArrayNode) value));
      } else {
        result.set(entry.getKey(), merge(result.path(entry.getKey()).deepCopy(), value));
      }
    }
    return result;
  }

  private static boolean named(ArrayNode list) {
    for (JsonNode element : list) {
      if (!element.isObject() || !element.path("name").isTextual()) {
        return false;
      }
    }
    return !list.isEmpty();
  }

  private static ArrayNode mergeByName(ArrayNode target, ArrayNode patch) {
    Map<String, JsonNode> byName = new LinkedHashMap<>();
    target.forEach(e -> byName.put(e.path("name").asText(), e));
    for (JsonNode element : patch) {
      String name = element.path("name").asText();
      JsonNode existing = byName.get(name);
      byName.put(name, existing == null ? element : merge(existing.deepCopy(), element));
    }
    ArrayNode result = JsonNodeFactory.instance.arrayNode();
    byName.values().forEach(result::add);
    return result;
  }
}
