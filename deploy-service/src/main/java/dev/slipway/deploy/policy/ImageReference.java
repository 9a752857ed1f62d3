package dev.slipway.deploy.policy;

import java.util.Map;

/**
 * An image reference split as registries read it: {@code nginx} is {@code docker.io/library/nginx}
 * without a tag; the first path part is a registry only when it has a dot or a port, or is
 * localhost.
 */
public record ImageReference(String registry, String repository, String tag, String digest) {

  public static ImageReference parse(String image) {
    String rest = image;
    String digest = "";
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = rest.substring(at + 1);
      rest = rest.substring(0, at);
    }
    String registry = "docker.io";
    int slash = rest.indexOf('/');
    if (slash > 0) {
      String first = rest.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
        registry = first;
        rest = rest.substring(slash + 1);
      }
    }
    String tag = "";
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
    }
    if (registry.equals("docker.io") && !rest.contains("/")) {
      rest = "library/" + rest;
    }
    return new ImageReference(registry, rest, tag, digest);
  }

  Map<String, Object> asMap() {
    return Map.of(
        "image", registry + "/" + repository + (tag.isEmpty() ? "" : ":" + tag),
        "registry", registry,
        "repository", repository,
        "tag", tag,
        "digest", digest);
  }
}
