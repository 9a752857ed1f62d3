package dev.slipway.deploy.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Applies a clone's overrides to one app spec of its source: {@code replicas} (autoscaling off, so
 * the clone really runs that many), {@code resources} (a preset), {@code host} ({@code {app}} is
 * the app's name), {@code images} (per app name: a pull request's image for a preview; the app then
 * runs that image instead of building its repository). The gateway validated them; anything else in
 * the overrides is ignored here.
 */
public final class CloneOverrides {

  private CloneOverrides() {}

  public static ObjectNode apply(ObjectNode sourceSpec, JsonNode overrides) {
    ObjectNode spec = sourceSpec.deepCopy();
    if (overrides == null || !overrides.isObject()) {
      return spec;
    }
    if (overrides.path("replicas").isInt()) {
      spec.put("replicas", overrides.get("replicas").asInt());
      if (spec.has("autoscaling")) {
        spec.remove("autoscaling");
      }
    }
    if (overrides.path("resources").isObject()) {
      spec.set("resources", overrides.get("resources").deepCopy());
    }
    if (overrides.path("host").isTextual()) {
      spec.put("host", overrides.get("host").asText().replace("{app}", spec.path("name").asText()));
    }
    JsonNode image = overrides.path("images").path(spec.path("name").asText());
    if (image.isTextual()) {
      spec.put("image", image.asText());
      spec.remove("gitRepo");
      spec.remove("buildpack");
    }
    return spec;
  }
}
