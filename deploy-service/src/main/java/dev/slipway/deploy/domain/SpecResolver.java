package dev.slipway.deploy.domain;

import com.fasterxml.jackson.databind.JsonNode;
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

  private final GoldenPathDefaults defaults;

  public SpecResolver(GoldenPathDefaults defaults) {
    this.defaults = defaults;
  }

  public EffectiveSpec resolve(JsonNode spec) {
    return new EffectiveSpec(
        spec.path("name").asText(),
        WorkloadType.fromSpec(
            spec.path("type").isMissingNode() ? null : spec.path("type").asText()),
        spec.path("image").asText(null),
        spec.has("port") ? spec.path("port").asInt() : null,
        spec.has("replicas") ? spec.path("replicas").asInt() : null,
        resources(spec.path("resources")),
        env(spec.has("env") ? spec.path("env") : spec.path("environmentVariables")),
        autoscaling(spec.path("autoscaling")),
        probes(spec.path("probes")),
        spec.path("host").asText(null),
        defaults.version());
  }

  private Resources resources(JsonNode node) {
    Resources base =
        defaults.presets().getOrDefault(node.path("preset").asText(""), defaults.resources());
    JsonNode requests = node.path("requests");
    JsonNode limits = node.path("limits");
    return new Resources(
        requests.path("cpu").asText(base.requestsCpu()),
        requests.path("memory").asText(base.requestsMemory()),
        limits.path("cpu").asText(base.limitsCpu()),
        limits.path("memory").asText(base.limitsMemory()));
  }

  private Autoscaling autoscaling(JsonNode node) {
    Autoscaling base = defaults.autoscaling();
    return new Autoscaling(
        node.path("enabled").asBoolean(base.enabled()),
        node.path("minReplicas").asInt(base.minReplicas()),
        node.path("maxReplicas").asInt(base.maxReplicas()),
        node.path("targetCPU").asInt(base.targetCpu()));
  }

  private Probes probes(JsonNode node) {
    return new Probes(
        node.path("liveness").path("path").asText(defaults.probes().livenessPath()),
        node.path("readiness").path("path").asText(defaults.probes().readinessPath()));
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
