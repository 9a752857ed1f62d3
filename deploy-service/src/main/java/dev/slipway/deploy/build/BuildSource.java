package dev.slipway.deploy.build;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * What an app spec says to build: the repository and either a buildpack or a Dockerfile path. The
 * gateway validated the spec (dev.slipway.events.spec.GitSource); this only reads it.
 */
public record BuildSource(String gitRepo, String buildpack, String dockerfile) {

  /** Empty when the spec names an image rather than a repository. */
  public static Optional<BuildSource> of(ObjectNode spec) {
    if (spec == null || !spec.path("gitRepo").isTextual()) {
      return Optional.empty();
    }
    return Optional.of(
        new BuildSource(
            spec.path("gitRepo").asText(),
            spec.path("buildpack").isTextual() ? spec.path("buildpack").asText() : null,
            spec.path("dockerfile").isTextual() ? spec.path("dockerfile").asText() : null));
  }

  public boolean usesDockerfile() {
    return dockerfile != null;
  }

  /** The spec deployed once the image is built: the same app, with the image instead. */
  public static ObjectNode deploySpec(ObjectNode spec, String image) {
    ObjectNode deployed = spec.deepCopy();
    deployed.remove("gitRepo");
    deployed.remove("buildpack");
    deployed.remove("dockerfile");
    deployed.put("image", image);
    return deployed;
  }
}
