package dev.slipway.gateway.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An environment of a team as files for GitOps, from the manifests deploy-service applied (pure: no
 * I/O). {@code kustomize}: {@code base/} holds the exported environment's apps (namespace-free),
 * {@code overlays/<env>/} puts them into each environment of the team with that environment's
 * namespace, labels, and the images and replicas it runs there. {@code applicationset}: an Argo CD
 * ApplicationSet whose list generator names each environment and points at its overlay.
 *
 * <p>Secret values are never exported: a Secret becomes an ExternalSecret placeholder naming its
 * keys, under {@code base/external-secrets/} and outside the kustomization until a secret store is
 * set up.
 */
public final class EnvironmentExport {

  // Every string quoted: an unquoted tag like 1.27 would be read back as a number.
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));

  /** One environment of the team and its apps' applied manifests. */
  public record Environment(String name, String kind, String namespace, List<AppManifests> apps) {}

  /** The manifests of an app's latest revision. */
  public record AppManifests(String app, int revision, List<JsonNode> manifests) {}

  private EnvironmentExport() {}

  /** Files by path: a kustomize base, one overlay per environment. */
  public static Map<String, String> kustomize(
      String team, String exported, List<Environment> environments) {
    Environment source =
        environments.stream()
            .filter(e -> e.name().equals(exported))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no environment " + exported));
    Map<String, String> files = new TreeMap<>();
    List<String> resources = new ArrayList<>();
    for (AppManifests app : source.apps()) {
      for (JsonNode manifest : app.manifests()) {
        ObjectNode object = clean(manifest);
        String file = object.path("kind").asText().toLowerCase() + "-" + name(object) + ".yaml";
        if ("Secret".equals(object.path("kind").asText())) {
          files.put(
              "base/external-secrets/" + name(object) + ".yaml", yaml(externalSecret(object)));
          continue;
        }
        files.put("base/" + app.app() + "/" + file, yaml(object));
        resources.add(app.app() + "/" + file);
      }
    }
    ObjectNode base = kustomization();
    ArrayNode listed = base.putArray("resources");
    resources.forEach(listed::add);
    files.put("base/kustomization.yaml", yaml(base));
    for (Environment environment : environments) {
      files.put(
          "overlays/" + environment.name() + "/kustomization.yaml",
          yaml(overlay(team, environment, source)));
    }
    return files;
  }

  /** An Argo CD ApplicationSet over the team's environments, each synced from its overlay. */
  public static Map<String, String> applicationSet(
      String team, String repoUrl, String path, List<Environment> environments) {
    ObjectNode set = YAML.createObjectNode();
    set.put("apiVersion", "argoproj.io/v1alpha1");
    set.put("kind", "ApplicationSet");
    set.putObject("metadata").put("name", team + "-environments").put("namespace", "argocd");
    ObjectNode spec = set.putObject("spec");
    spec.put("goTemplate", true);
    spec.putArray("goTemplateOptions").add("missingkey=error");
    ArrayNode elements =
        spec.putArray("generators").addObject().putObject("list").putArray("elements");
    for (Environment environment : environments) {
      elements
          .addObject()
          .put("environment", environment.name())
          .put("kind", environment.kind())
          .put("namespace", environment.namespace());
    }
    ObjectNode template = spec.putObject("template");
    template.putObject("metadata").put("name", team + "-{{.environment}}");
    ObjectNode app = template.putObject("spec");
    app.put("project", "default");
    app.putObject("source")
        .put("repoURL", repoUrl)
        .put("targetRevision", "HEAD")
        .put("path", (path.isEmpty() ? "" : path + "/") + "overlays/{{.environment}}");
    app.putObject("destination")
        .put("server", "https://kubernetes.default.svc")
        .put("namespace", "{{.namespace}}");
    app.putObject("syncPolicy").putArray("syncOptions").add("ServerSideApply=true");
    return Map.of("applicationset.yaml", yaml(set));
  }

  private static ObjectNode overlay(String team, Environment environment, Environment source) {
    ObjectNode overlay = kustomization();
    overlay.put("namespace", environment.namespace());
    overlay.putArray("resources").add("../../base");
    ObjectNode labels = overlay.putArray("labels").addObject();
    labels
        .putObject("pairs")
        .put("slipway.dev/team", team)
        .put("slipway.dev/environment", environment.name());
    labels.put("includeSelectors", false).put("includeTemplates", true);
    // Where this environment runs an app of the base, its images and replicas win.
    Map<String, String> images = new LinkedHashMap<>();
    Map<String, Integer> replicas = new LinkedHashMap<>();
    List<String> baseApps = source.apps().stream().map(AppManifests::app).toList();
    for (AppManifests app : environment.apps()) {
      if (!baseApps.contains(app.app())) {
        continue;
      }
      for (JsonNode manifest : app.manifests()) {
        JsonNode podSpec = podSpec(manifest);
        for (JsonNode container : podSpec.path("containers")) {
          String image = container.path("image").asText("");
          if (!image.isEmpty()) {
            images.putIfAbsent(imageName(image), image);
          }
        }
        if ("Deployment".equals(manifest.path("kind").asText())
            && manifest.path("spec").path("replicas").isInt()) {
          replicas.put(name(manifest), manifest.path("spec").path("replicas").asInt());
        }
      }
    }
    if (!images.isEmpty()) {
      ArrayNode list = overlay.putArray("images");
      images.forEach((name, image) -> list.add(image(name, image)));
    }
    if (!replicas.isEmpty()) {
      ArrayNode list = overlay.putArray("replicas");
      replicas.forEach((name, count) -> list.addObject().put("name", name).put("count", count));
    }
    return overlay;
  }

  private static JsonNode podSpec(JsonNode manifest) {
    JsonNode spec = manifest.path("spec");
    return switch (manifest.path("kind").asText()) {
      case "CronJob" -> spec.path("jobTemplate").path("spec").path("template").path("spec");
      default -> spec.path("template").path("spec");
    };
  }

  /** {@code repo/name:tag} or {@code repo/name@sha256:...} as kustomize's image entry. */
  private static ObjectNode image(String name, String image) {
    ObjectNode entry = YAML.createObjectNode().put("name", name);
    String rest = image.substring(name.length());
    if (rest.startsWith("@")) {
      entry.put("digest", rest.substring(1));
    } else if (rest.startsWith(":")) {
      entry.put("newTag", rest.substring(1));
    }
    return entry;
  }

  private static String imageName(String image) {
    int at = image.indexOf('@');
    if (at >= 0) {
      return image.substring(0, at);
    }
    int colon = image.lastIndexOf(':');
    return colon > image.lastIndexOf('/') ? image.substring(0, colon) : image;
  }

  /** What the API server adds, and the namespace (the overlay's), are not part of the source. */
  private static ObjectNode clean(JsonNode manifest) {
    ObjectNode object = manifest.deepCopy();
    object.remove("status");
    if (object.get("metadata") instanceof ObjectNode metadata) {
      for (String field :
          List.of(
              "namespace",
              "uid",
              "resourceVersion",
              "generation",
              "creationTimestamp",
              "managedFields")) {
        metadata.remove(field);
      }
    }
    return object;
  }

  /** A placeholder for the store the values live in: the keys, never a value. */
  private static ObjectNode externalSecret(JsonNode secret) {
    ObjectNode external = YAML.createObjectNode();
    external.put("apiVersion", "external-secrets.io/v1beta1");
    external.put("kind", "ExternalSecret");
    external.putObject("metadata").put("name", name(secret));
    ObjectNode spec = external.putObject("spec");
    spec.putObject("secretStoreRef").put("kind", "ClusterSecretStore").put("name", "CHANGE-ME");
    spec.putObject("target").put("name", name(secret));
    ArrayNode data = spec.putArray("data");
    List<String> keys = new ArrayList<>();
    secret.path("data").fieldNames().forEachRemaining(keys::add);
    secret.path("stringData").fieldNames().forEachRemaining(keys::add);
    for (String key : keys) {
      ObjectNode entry = data.addObject().put("secretKey", key);
      entry.putObject("remoteRef").put("key", name(secret)).put("property", key);
    }
    return external;
  }

  private static ObjectNode kustomization() {
    ObjectNode k = YAML.createObjectNode();
    k.put("apiVersion", "kustomize.config.k8s.io/v1beta1");
    k.put("kind", "Kustomization");
    return k;
  }

  private static String name(JsonNode object) {
    return object.path("metadata").path("name").asText();
  }

  private static String yaml(JsonNode node) {
    try {
      return YAML.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
