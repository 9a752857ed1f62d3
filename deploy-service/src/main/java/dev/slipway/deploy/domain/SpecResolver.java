package dev.slipway.deploy.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.slipway.deploy.domain.EffectiveSpec.Autoscaling;
import dev.slipway.deploy.domain.EffectiveSpec.EnvVar;
import dev.slipway.deploy.domain.EffectiveSpec.Probes;
import dev.slipway.deploy.domain.EffectiveSpec.Resources;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Fills an accepted app spec with its golden path's defaults. Pure: no I/O. */
public final class SpecResolver {

  private static final Pattern REFERENCE =
      Pattern.compile("^(secret|config)(?:://|/)([^/]+)/(.+)$");
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final Resources NO_RESOURCES = new Resources("100m", "128Mi", "500m", "256Mi");
  private static final Autoscaling NO_AUTOSCALING = new Autoscaling(false, 1, 1, 80);
  private static final Probes NO_PROBES = new Probes(null, null);

  private final GoldenPath path;

  public SpecResolver(GoldenPath path) {
    this.path = path;
  }

  /**
   * The golden path name an app spec asks for: {@code goldenPath.name} when given, else its {@code
   * type}, web when not given.
   */
  public static String pathName(JsonNode spec) {
    if (spec.path("goldenPath").path("name").isTextual()) {
      return spec.path("goldenPath").path("name").asText();
    }
    return WorkloadType.fromSpec(spec.path("type").isTextual() ? spec.path("type").asText() : null)
        .wire();
  }

  /** The golden path version the spec pins ({@code goldenPath.version}), or null for the newest. */
  public static Integer pathVersion(JsonNode spec) {
    JsonNode version = spec.path("goldenPath").path("version");
    return version.isInt() ? version.asInt() : null;
  }

  public EffectiveSpec resolve(JsonNode spec) {
    if (spec.path("type").isTextual()
        && WorkloadType.fromSpec(spec.path("type").asText()) != path.workload()) {
      throw new RenderException(
          "golden path " + path.reference() + " does not render type " + spec.path("type").asText(),
          List.of(
              new dev.slipway.events.FieldError(
                  "goldenPath.name",
                  path.reference()
                      + " renders "
                      + path.workload().wire()
                      + " apps, not "
                      + spec.path("type").asText())));
    }
    GoldenPath.Defaults defaults = path.defaults();
    boolean web = path.workload() == WorkloadType.WEB;
    return new EffectiveSpec(
        spec.path("name").asText(),
        path.workload(),
        spec.path("image").asText(null),
        spec.has("port") ? Integer.valueOf(spec.path("port").asInt()) : null,
        spec.has("replicas")
            ? Integer.valueOf(spec.path("replicas").asInt())
            : defaults == null ? null : defaults.replicas(),
        resources(spec.path("resources")),
        env(spec.has("env") ? spec.path("env") : spec.path("environmentVariables")),
        autoscaling(spec.path("autoscaling")),
        web || spec.has("probes") ? probes(spec.path("probes")) : null,
        spec.path("host").asText(null),
        spec.path("schedule").asText(null),
        path.reference(),
        patches(spec.path("patches")),
        null);
  }

  private Resources resources(JsonNode node) {
    GoldenPath.Defaults defaults = path.defaults();
    Resources fallback =
        defaults != null && defaults.resources() != null ? defaults.resources() : NO_RESOURCES;
    Resources base =
        defaults == null
            ? fallback
            : defaults.presets().getOrDefault(node.path("preset").asText(""), fallback);
    JsonNode requests = node.path("requests");
    JsonNode limits = node.path("limits");
    return new Resources(
        requests.path("cpu").asText(base.requestsCpu()),
        requests.path("memory").asText(base.requestsMemory()),
        limits.path("cpu").asText(base.limitsCpu()),
        limits.path("memory").asText(base.limitsMemory()));
  }

  private Autoscaling autoscaling(JsonNode node) {
    Autoscaling base =
        path.defaults() != null && path.defaults().autoscaling() != null
            ? path.defaults().autoscaling()
            : NO_AUTOSCALING;
    boolean possible = path.renders("HorizontalPodAutoscaler");
    return new Autoscaling(
        possible && node.path("enabled").asBoolean(base.enabled()),
        node.path("minReplicas").asInt(base.minReplicas()),
        node.path("maxReplicas").asInt(base.maxReplicas()),
        node.path("targetCPU").asInt(base.targetCpu()));
  }

  private Probes probes(JsonNode node) {
    Probes base =
        path.defaults() != null && path.defaults().probes() != null
            ? path.defaults().probes()
            : NO_PROBES;
    return new Probes(
        node.path("liveness").path("path").asText(base.livenessPath()),
        node.path("readiness").path("path").asText(base.readinessPath()));
  }

  private static List<Patch> patches(JsonNode node) {
    if (!node.isArray() || node.isEmpty()) {
      return null;
    }
    try {
      return List.of(JSON.treeToValue(node, Patch[].class));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("patches: " + e.getOriginalMessage(), e);
    }
  }

  private static List<EnvVar> env(JsonNode list) {
    List<EnvVar> env = new ArrayList<>();
    for (JsonNode variable : list) {
      String name = variable.path("name").asText();
      if (variable.has("valueFrom")) {
        Matcher ref = REFERENCE.matcher(variable.path("valueFrom").asText());
        if (!ref.matches()) {
          throw new IllegalArgumentException("valueFrom of " + name + " is not a reference");
        }
        env.add(
            ref.group(1).equals("secret")
                ? new EnvVar.SecretRef(name, ref.group(2), ref.group(3))
                : new EnvVar.ConfigRef(name, ref.group(2), ref.group(3)));
      } else {
        env.add(new EnvVar.Literal(name, variable.path("value").asText()));
      }
    }
    return env;
  }
}
