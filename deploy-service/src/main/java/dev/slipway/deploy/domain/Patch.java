package dev.slipway.deploy.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * An expert change to rendered manifests: an RFC 6902 JSON patch, or a merge patch (RFC 7386, with
 * lists of named objects merged by {@code name} as Kubernetes' strategic merge does for containers,
 * env, ports and volumes). {@code target.name} empty means every object of that kind.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Patch(Target target, JsonNode jsonPatch, JsonNode merge) {

  public record Target(String kind, String name) {}
}
