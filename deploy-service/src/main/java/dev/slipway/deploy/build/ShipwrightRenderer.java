package dev.slipway.deploy.build;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pure: a build as Shipwright objects ({@code shipwright.io/v1beta1}), for clusters that run
 * Shipwright: a Build naming the source, the strategy and the output, and the BuildRun that runs
 * it. One Build per build (named like the BuildRun), so two builds of an app never edit each
 * other's source revision.
 */
public final class ShipwrightRenderer {

  public static final String API_VERSION = "shipwright.io/v1beta1";
  public static final String BUILD_RUN = "BuildRun";

  private ShipwrightRenderer() {}

  public static List<GenericKubernetesResource> render(BuildTarget target, BuildSettings settings) {
    Map<String, Object> git = new LinkedHashMap<>();
    git.put("url", target.source().gitRepo());
    if (target.revision() != null) {
      git.put("revision", target.revision());
    }
    Map<String, Object> output = new LinkedHashMap<>();
    output.put("image", target.image());
    if (settings.registrySecret() != null) {
      output.put("pushSecret", settings.registrySecret());
    }
    Map<String, Object> buildSpec = new LinkedHashMap<>();
    boolean dockerfile = target.source().usesDockerfile();
    buildSpec.put("source", ordered("type", "Git", "git", git));
    buildSpec.put(
        "strategy",
        ordered(
            "kind",
            "ClusterBuildStrategy",
            "name",
            dockerfile ? settings.dockerfileStrategy() : settings.buildpacksStrategy()));
    if (dockerfile) {
      buildSpec.put(
          "paramValues",
          List.of(ordered("name", "dockerfile", "value", target.source().dockerfile())));
    }
    buildSpec.put("output", output);
    buildSpec.put("timeout", settings.timeoutSeconds() + "s");

    List<GenericKubernetesResource> objects = new ArrayList<>();
    objects.add(object(target, "Build", buildSpec));
    objects.add(object(target, BUILD_RUN, Map.of("build", Map.of("name", target.objectName()))));
    return objects;
  }

  /** Two entries in this order: the golden files compare text. */
  private static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put(k1, v1);
    map.put(k2, v2);
    return map;
  }

  private static GenericKubernetesResource object(
      BuildTarget target, String kind, Map<String, Object> spec) {
    return new GenericKubernetesResourceBuilder()
        .withApiVersion(API_VERSION)
        .withKind(kind)
        .withNewMetadata()
        .withName(target.objectName())
        .withNamespace(target.namespace())
        .withLabels(BuildJobRenderer.labels(target))
        .withAnnotations(BuildJobRenderer.annotations(target))
        .endMetadata()
        .withAdditionalProperties(Map.of("spec", spec))
        .build();
  }
}
