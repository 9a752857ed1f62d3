package dev.slipway.deploy.domain;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.slipway.deploy.domain.EffectiveSpec.Autoscaling;
import dev.slipway.deploy.domain.EffectiveSpec.Probes;
import dev.slipway.deploy.domain.EffectiveSpec.Resources;
import java.util.List;
import java.util.Map;

/**
 * A platform standard, as data: which workload shape it renders, which optional objects it adds,
 * its defaults, and platform patches applied after rendering (before the app's own expert patches).
 * Platform admins change it through the API; every change is a new {@code version}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = false)
public record GoldenPath(
    String name,
    int version,
    String description,
    WorkloadType workload,
    List<String> objects,
    Defaults defaults,
    List<Patch> patches) {

  /** The optional objects a path may add around its workload. */
  public static final List<String> OPTIONAL_OBJECTS =
      List.of(
          "ConfigMap",
          "Service",
          "HorizontalPodAutoscaler",
          "PodDisruptionBudget",
          "NetworkPolicy",
          "Ingress");

  public GoldenPath {
    objects = objects == null ? List.of() : List.copyOf(objects);
    patches = patches == null ? List.of() : List.copyOf(patches);
  }

  public boolean renders(String kind) {
    return objects.contains(kind);
  }

  /** {@code web@3}: how apps and revisions name the version that produced them. */
  public String reference() {
    return name + "@" + version;
  }

  public GoldenPath withVersion(int newVersion) {
    return new GoldenPath(name, newVersion, description, workload, objects, defaults, patches);
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Defaults(
      Integer replicas,
      Resources resources,
      Map<String, Resources> presets,
      Autoscaling autoscaling,
      Probes probes,
      String ingressNamespace,
      String ingressClassName,
      Integer progressDeadlineSeconds,
      Integer backoffLimit,
      Integer ttlSecondsAfterFinished,
      String concurrencyPolicy) {

    public Defaults {
      presets = presets == null ? Map.of() : Map.copyOf(presets);
    }
  }
}
